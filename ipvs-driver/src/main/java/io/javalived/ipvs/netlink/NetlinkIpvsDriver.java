package io.javalived.ipvs.netlink;

import static io.javalived.ipvs.netlink.IpvsGenl.*;

import io.javalived.ipvs.Addresses;
import io.javalived.ipvs.Destination;
import io.javalived.ipvs.DestinationEntry;
import io.javalived.ipvs.IpvsDriver;
import io.javalived.ipvs.IpvsException;
import io.javalived.ipvs.IpvsInfo;
import io.javalived.ipvs.IpvsOperation;
import io.javalived.ipvs.IpvsUnavailableException;
import io.javalived.ipvs.ServiceEntry;
import io.javalived.ipvs.ServiceKey;
import io.javalived.ipvs.SyncDaemon;
import io.javalived.ipvs.SyncState;
import io.javalived.ipvs.Timeouts;
import io.javalived.ipvs.VirtualService;
import io.javalived.net.ffm.Errno;
import io.javalived.net.genl.GenericNetlinkSocket;
import io.javalived.net.genl.GenlFamily;
import io.javalived.net.genl.GenlFamilyNotFoundException;
import io.javalived.net.genl.GenlMessage;
import io.javalived.net.netlink.AttributeList;
import io.javalived.net.netlink.AttributeWriter;
import io.javalived.net.netlink.NetlinkException;
import io.javalived.net.netlink.NetlinkSocket;
import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import io.javalived.ipvs.ForwardingMethod;

/**
 * {@link IpvsDriver} over the kernel's generic netlink family "IPVS" (what ipvsadm and keepalived use):
 * one acknowledged message per change, dumps for the lists. The kernel's refusals become
 * {@link IpvsException}s with its errno; a kernel without the family gives
 * {@link IpvsUnavailableException}.
 */
public final class NetlinkIpvsDriver implements IpvsDriver {
    private static final Duration SYNC_THREAD_WAIT = Duration.ofSeconds(60);
    private final GenericNetlinkSocket socket;
    private final GenlFamily family;

    private NetlinkIpvsDriver(GenericNetlinkSocket socket, GenlFamily family) {
        this.socket = socket;
        this.family = family;
    }

    /**
     * Opens a socket and resolves the IPVS family.
     *
     * @throws IpvsUnavailableException when this kernel has no IPVS
     */
    public static NetlinkIpvsDriver open() {
        GenericNetlinkSocket socket = GenericNetlinkSocket.open();
        try {
            return new NetlinkIpvsDriver(socket, socket.resolve(FAMILY));
        } catch (GenlFamilyNotFoundException e) {
            socket.close();
            throw new IpvsUnavailableException();
        } catch (RuntimeException e) {
            socket.close();
            throw e;
        }
    }

    public GenlFamily family() {
        return family;
    }

    private <T> T call(IpvsOperation op, Supplier<String> subject, Supplier<T> body) {
        try {
            return body.get();
        } catch (NetlinkException e) {
            throw new IpvsException(op, e.errno(), subject.get());
        }
    }

    private List<GenlMessage> request(IpvsOperation op, int command, byte[] attrs, Supplier<String> subject) {
        return call(op, subject, () -> socket.request(family, command, attrs, 0, () -> "IPVS " + op + " " + subject.get()));
    }

    /**
     * Starting or stopping a sync daemon makes the kernel start or stop its threads before it answers, which can take
     * longer than the socket's usual wait on a loaded or emulated machine (ipvsadm waits without a limit): 60 s.
     */
    private void syncThreadRequest(IpvsOperation op, int command, byte[] attrs, Supplier<String> subject) {
        NetlinkSocket netlink = socket.netlink();
        Duration usual = netlink.timeout();
        netlink.timeout(SYNC_THREAD_WAIT);
        try {
            request(op, command, attrs, subject);
        } finally {
            netlink.timeout(usual);
        }
    }

    private List<GenlMessage> dump(IpvsOperation op, int command, byte[] attrs, Supplier<String> subject) {
        return call(op, subject, () -> socket.dump(family, command, attrs, () -> "IPVS " + op + " " + subject.get()));
    }

    private static byte[] serviceKey(ServiceKey key) {
        return new AttributeWriter().nested(CMD_ATTR_SERVICE, w -> IpvsCodec.writeServiceKey(w, key)).toByteArray();
    }

    private static byte[] service(VirtualService s) {
        return new AttributeWriter().nested(CMD_ATTR_SERVICE, w -> IpvsCodec.writeService(w, s)).toByteArray();
    }

    private static byte[] serviceAndDestination(ServiceKey key, Destination d, boolean full) {
        return new AttributeWriter()
                .nested(CMD_ATTR_SERVICE, w -> IpvsCodec.writeServiceKey(w, key))
                .nested(CMD_ATTR_DEST, w -> IpvsCodec.writeDestination(w, d, full))
                .toByteArray();
    }

    @Override
    public IpvsInfo info() {
        List<GenlMessage> r = request(IpvsOperation.GET_INFO, CMD_GET_INFO, new byte[0], () -> "");
        AttributeList a = single(r, IpvsOperation.GET_INFO).attributes();
        return new IpvsInfo(a.u32(INFO_ATTR_VERSION, 0), a.u32(INFO_ATTR_CONN_TAB_SIZE, 0));
    }

    private static GenlMessage single(List<GenlMessage> replies, IpvsOperation op) {
        if (replies.isEmpty()) {
            throw new IpvsException(op, Errno.ENODATA, "the kernel sent no answer");
        }
        return replies.getFirst();
    }

    @Override
    public Timeouts timeouts() {
        AttributeList a = single(request(IpvsOperation.GET_TIMEOUTS, CMD_GET_CONFIG, new byte[0], () -> ""),
                IpvsOperation.GET_TIMEOUTS).attributes();
        return new Timeouts(a.u32(CMD_ATTR_TIMEOUT_TCP, 0), a.u32(CMD_ATTR_TIMEOUT_TCP_FIN, 0),
                a.u32(CMD_ATTR_TIMEOUT_UDP, 0));
    }

    @Override
    public void setTimeouts(Timeouts t) {
        AttributeWriter w = new AttributeWriter();
        if (t.tcp() != 0) {
            w.u32(CMD_ATTR_TIMEOUT_TCP, t.tcp());
        }
        if (t.tcpFin() != 0) {
            w.u32(CMD_ATTR_TIMEOUT_TCP_FIN, t.tcpFin());
        }
        if (t.udp() != 0) {
            w.u32(CMD_ATTR_TIMEOUT_UDP, t.udp());
        }
        request(IpvsOperation.SET_TIMEOUTS, CMD_SET_CONFIG, w.toByteArray(), t::toString);
    }

    @Override
    public List<ServiceEntry> services() {
        List<GenlMessage> replies = dump(IpvsOperation.LIST_SERVICES, CMD_GET_SERVICE, new byte[0], () -> "");
        List<ServiceEntry> out = new ArrayList<>(replies.size());
        for (GenlMessage m : replies) {
            out.add(IpvsCodec.readServiceEntry(m.attributes().requireNested(CMD_ATTR_SERVICE, "IPVS service")));
        }
        return out;
    }

    @Override
    public Optional<ServiceEntry> service(ServiceKey key) {
        try {
            List<GenlMessage> r = socket.request(family, CMD_GET_SERVICE, serviceKey(key), 0, () -> "IPVS GET_SERVICE " + key);
            return r.isEmpty() ? Optional.empty()
                    : Optional.of(IpvsCodec.readServiceEntry(r.getFirst().attributes().requireNested(CMD_ATTR_SERVICE, "IPVS service")));
        } catch (NetlinkException e) {
            if (e.is(Errno.ESRCH)) {
                return Optional.empty();
            }
            throw new IpvsException(IpvsOperation.GET_SERVICE, e.errno(), key.toString());
        }
    }

    @Override
    public void addService(VirtualService s) {
        request(IpvsOperation.ADD_SERVICE, CMD_NEW_SERVICE, service(s), () -> s.key().toString());
    }

    @Override
    public void editService(VirtualService s) {
        request(IpvsOperation.EDIT_SERVICE, CMD_SET_SERVICE, service(s), () -> s.key().toString());
    }

    @Override
    public void deleteService(ServiceKey key) {
        request(IpvsOperation.DELETE_SERVICE, CMD_DEL_SERVICE, serviceKey(key), key::toString);
    }

    @Override
    public void flush() {
        request(IpvsOperation.FLUSH, CMD_FLUSH, new byte[0], () -> "");
    }

    @Override
    public List<DestinationEntry> destinations(ServiceKey key) {
        List<GenlMessage> replies = dump(IpvsOperation.LIST_DESTINATIONS, CMD_GET_DEST, serviceKey(key), key::toString);
        if (replies.isEmpty() && service(key).isEmpty()) {
            // the kernel answers a dump for a missing service with nothing; say what ipvsadm says
            throw new IpvsException(IpvsOperation.LIST_DESTINATIONS, Errno.ESRCH, key.toString());
        }
        List<DestinationEntry> out = new ArrayList<>(replies.size());
        for (GenlMessage m : replies) {
            out.add(IpvsCodec.readDestinationEntry(m.attributes().requireNested(CMD_ATTR_DEST, "IPVS destination"),
                    key.family()));
        }
        return out;
    }

    @Override
    public void addDestination(ServiceKey key, Destination d) {
        Destination n = d.normalizedFor(key);
        request(IpvsOperation.ADD_DESTINATION, CMD_NEW_DEST, serviceAndDestination(key, n, true), () -> n + " of " + key);
    }

    @Override
    public void editDestination(ServiceKey key, Destination d) {
        Destination n = d.normalizedFor(key);
        request(IpvsOperation.EDIT_DESTINATION, CMD_SET_DEST, serviceAndDestination(key, n, true), () -> n + " of " + key);
    }

    @Override
    public void deleteDestination(ServiceKey key, InetAddress address, int port) {
        Destination id = Destination.of(address, port, ForwardingMethod.MASQ, 0);
        request(IpvsOperation.DELETE_DESTINATION, CMD_DEL_DEST, serviceAndDestination(key, id, false),
                () -> Addresses.withPort(address, port) + " of " + key);
    }

    @Override
    public void zero() {
        request(IpvsOperation.ZERO, CMD_ZERO, new byte[0], () -> "");
    }

    @Override
    public void zero(ServiceKey key) {
        request(IpvsOperation.ZERO, CMD_ZERO, serviceKey(key), key::toString);
    }

    @Override
    public void startDaemon(SyncDaemon d) {
        byte[] attrs = new AttributeWriter().nested(CMD_ATTR_DAEMON, w -> IpvsCodec.writeDaemon(w, d)).toByteArray();
        syncThreadRequest(IpvsOperation.START_DAEMON, CMD_NEW_DAEMON, attrs, d::toString);
    }

    @Override
    public void stopDaemon(SyncState state) {
        // the kernel reads only the state of a DEL_DAEMON
        byte[] attrs = new AttributeWriter().nested(CMD_ATTR_DAEMON, w -> w.u32(DAEMON_ATTR_STATE, state.value()))
                .toByteArray();
        syncThreadRequest(IpvsOperation.STOP_DAEMON, CMD_DEL_DAEMON, attrs, state::label);
    }

    @Override
    public List<SyncDaemon> daemons() {
        List<GenlMessage> replies = dump(IpvsOperation.LIST_DAEMONS, CMD_GET_DAEMON, new byte[0], () -> "");
        List<SyncDaemon> out = new ArrayList<>(replies.size());
        for (GenlMessage m : replies) {
            out.add(IpvsCodec.readDaemon(m.attributes().requireNested(CMD_ATTR_DAEMON, "IPVS sync daemon")));
        }
        return out;
    }

    @Override
    public void close() {
        socket.close();
    }
}
