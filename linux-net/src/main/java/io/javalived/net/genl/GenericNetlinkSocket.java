package io.javalived.net.genl;

import io.javalived.net.ffm.Errno;
import io.javalived.net.ffm.SocketConstants;
import io.javalived.net.netlink.Attribute;
import io.javalived.net.netlink.AttributeList;
import io.javalived.net.netlink.AttributeWriter;
import io.javalived.net.netlink.NetlinkException;
import io.javalived.net.netlink.NetlinkMessage;
import io.javalived.net.netlink.NetlinkSocket;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A NETLINK_GENERIC socket: resolves families by name through the controller (CTRL_CMD_GETFAMILY) and
 * sends family commands as requests (acknowledged) or dumps.
 */
public final class GenericNetlinkSocket implements AutoCloseable {
    /** The controller family's fixed id and its commands and attributes ({@code linux/genetlink.h}). */
    public static final int GENL_ID_CTRL = 0x10;
    public static final int CTRL_CMD_NEWFAMILY = 1;
    public static final int CTRL_CMD_GETFAMILY = 3;
    public static final int CTRL_ATTR_FAMILY_ID = 1;
    public static final int CTRL_ATTR_FAMILY_NAME = 2;
    public static final int CTRL_ATTR_VERSION = 3;
    public static final int CTRL_ATTR_HDRSIZE = 4;
    public static final int CTRL_ATTR_MAXATTR = 5;
    public static final int CTRL_ATTR_MCAST_GROUPS = 7;
    public static final int CTRL_ATTR_MCAST_GRP_NAME = 1;
    public static final int CTRL_ATTR_MCAST_GRP_ID = 2;

    private final NetlinkSocket socket;

    private GenericNetlinkSocket(NetlinkSocket socket) {
        this.socket = socket;
    }

    public static GenericNetlinkSocket open() {
        return new GenericNetlinkSocket(NetlinkSocket.open(SocketConstants.NETLINK_GENERIC));
    }

    public NetlinkSocket netlink() {
        return socket;
    }

    /** Builds the CTRL_CMD_GETFAMILY request payload for a family name. */
    public static GenlMessage getFamilyRequest(String name) {
        return new GenlMessage(CTRL_CMD_GETFAMILY, 1,
                AttributeList.decode(new AttributeWriter().string(CTRL_ATTR_FAMILY_NAME, name).toByteArray()));
    }

    /** Parses the controller's NEWFAMILY answer. */
    public static GenlFamily parseFamily(GenlMessage reply) {
        AttributeList a = reply.attributes();
        Map<String, Integer> groups = new LinkedHashMap<>();
        a.first(CTRL_ATTR_MCAST_GROUPS).ifPresent(g -> {
            for (Attribute group : g.nested()) {
                AttributeList fields = group.nested();
                groups.put(fields.string(CTRL_ATTR_MCAST_GRP_NAME, "?"), fields.u32(CTRL_ATTR_MCAST_GRP_ID, 0));
            }
        });
        return new GenlFamily(a.require(CTRL_ATTR_FAMILY_NAME, "family name").string(),
                a.require(CTRL_ATTR_FAMILY_ID, "family id").u16(),
                a.u32(CTRL_ATTR_VERSION, 0), a.u32(CTRL_ATTR_HDRSIZE, 0), a.u32(CTRL_ATTR_MAXATTR, 0), groups);
    }

    /**
     * Resolves a family by name.
     *
     * @throws GenlFamilyNotFoundException when the kernel has no such family (ENOENT from the controller)
     */
    public GenlFamily resolve(String name) {
        List<NetlinkMessage> replies;
        try {
            replies = socket.request(GENL_ID_CTRL, 0, getFamilyRequest(name).encode(),
                    "resolve generic netlink family " + name);
        } catch (NetlinkException e) {
            if (e.is(Errno.ENOENT)) {
                throw new GenlFamilyNotFoundException(name);
            }
            throw e;
        }
        if (replies.isEmpty()) {
            throw new GenlFamilyNotFoundException(name);
        }
        return parseFamily(GenlMessage.decode(replies.getFirst().payload()));
    }

    /** Sends a family command and waits for the ack; returns the answers that came before it. */
    public List<GenlMessage> request(GenlFamily family, int command, byte[] attributes, int flags, String description) {
        return request(family, command, attributes, flags, () -> description);
    }

    /** As above, building the description (for errors) only when it is needed. */
    public List<GenlMessage> request(GenlFamily family, int command, byte[] attributes, int flags,
                                     java.util.function.Supplier<String> description) {
        byte[] payload = GenlMessage.encode(command, family.version(), attributes);
        return socket.request(family.id(), flags, payload, description).stream()
                .map(r -> GenlMessage.decode(r.payloadBuffer())).toList();
    }

    /** Sends a family command as a dump and returns every answer. */
    public List<GenlMessage> dump(GenlFamily family, int command, byte[] attributes, String description) {
        return dump(family, command, attributes, () -> description);
    }

    /** As above, building the description (for errors) only when it is needed. */
    public List<GenlMessage> dump(GenlFamily family, int command, byte[] attributes,
                                  java.util.function.Supplier<String> description) {
        byte[] payload = GenlMessage.encode(command, family.version(), attributes);
        return socket.dump(family.id(), 0, payload, description).stream()
                .map(r -> GenlMessage.decode(r.payloadBuffer())).toList();
    }

    @Override
    public void close() {
        socket.close();
    }
}
