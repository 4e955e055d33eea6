package io.javalived.net.netlink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.javalived.net.ffm.Errno;
import io.javalived.net.ffm.Libc;
import io.javalived.net.ffm.SocketConstants;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Against the real kernel: a NETLINK_ROUTE socket (no privileges needed to dump links). */
class NetlinkSocketTest {
    private static final int RTM_NEWLINK = 16;
    private static final int RTM_DELLINK = 17;
    private static final int RTM_GETLINK = 18;
    private static final int IFLA_IFNAME = 3;
    private static final int IFINFOMSG_SIZE = 16;

    private static byte[] ifinfomsg(int index) {
        return ByteBuffer.allocate(IFINFOMSG_SIZE).order(ByteOrder.nativeOrder())
                .put((byte) SocketConstants.AF_UNSPEC).put((byte) 0).putShort((short) 0)
                .putInt(index).putInt(0).putInt(0).array();
    }

    /** Index to name, decoded from an RTM_NEWLINK answer (ifinfomsg + attributes). */
    private static Map<Integer, String> links(List<NetlinkMessage> replies) {
        Map<Integer, String> links = new HashMap<>();
        for (NetlinkMessage m : replies) {
            assertThat(m.type()).isEqualTo(RTM_NEWLINK);
            ByteBuffer p = m.payloadBuffer();
            p.position(4);
            int index = p.getInt();
            p.position(IFINFOMSG_SIZE);
            links.put(index, AttributeList.decode(p.slice()).require(IFLA_IFNAME, "IFLA_IFNAME").string());
        }
        return links;
    }

    @Test
    void dumpsTheRealLinksOfThisNamespace() {
        try (NetlinkSocket s = NetlinkSocket.open(SocketConstants.NETLINK_ROUTE)) {
            assertThat(s.portId()).isNotZero();
            Map<Integer, String> links = links(s.dump(RTM_GETLINK, 0, ifinfomsg(0), "dump links"));
            assertThat(links).containsEntry(Libc.ifNameToIndex("lo"), "lo");
            // every link the dump names is one the C library knows by the same index
            links.forEach((index, name) -> assertThat(Libc.ifNameToIndex(name)).isEqualTo(index));
        }
    }

    @Test
    void aGetRequestIsAnsweredThenAcknowledged() {
        try (NetlinkSocket s = NetlinkSocket.open(SocketConstants.NETLINK_ROUTE)) {
            int lo = Libc.ifNameToIndex("lo");
            List<NetlinkMessage> replies = s.request(RTM_GETLINK, 0, ifinfomsg(lo), "get link lo");
            assertThat(links(replies)).containsExactly(Map.entry(lo, "lo"));
        }
    }

    @Test
    void sequentialRequestsOnOneSocketEachGetTheirOwnAnswer() {
        try (NetlinkSocket s = NetlinkSocket.open(SocketConstants.NETLINK_ROUTE)) {
            for (int i = 0; i < 50; i++) {
                assertThat(links(s.dump(RTM_GETLINK, 0, ifinfomsg(0), "dump links"))).containsValue("lo");
            }
        }
    }

    @Test
    void kernelErrorBecomesAnExceptionNamingTheRequestAndErrno() {
        try (NetlinkSocket s = NetlinkSocket.open(SocketConstants.NETLINK_ROUTE)) {
            assertThatThrownBy(() -> s.request(RTM_GETLINK, 0, ifinfomsg(0x7ffffff0), "get link index 2147483632"))
                    .isInstanceOf(NetlinkException.class)
                    .hasMessageStartingWith("get link index 2147483632: ENODEV (No such device)")
                    .satisfies(e -> assertThat(((NetlinkException) e).is(Errno.ENODEV)).isTrue());
            // the socket is still usable after an error
            assertThat(links(s.dump(RTM_GETLINK, 0, ifinfomsg(0), "dump links"))).containsValue("lo");
        }
    }

    @Test
    void deletingAMissingLinkIsEnodevWithTheKernelsOwnWords() {
        try (NetlinkSocket s = NetlinkSocket.open(SocketConstants.NETLINK_ROUTE)) {
            byte[] payload = ByteBuffer.allocate(IFINFOMSG_SIZE + 16).order(ByteOrder.nativeOrder())
                    .put(ifinfomsg(0)).put(new AttributeWriter().string(IFLA_IFNAME, "nosuch" + ProcessHandle.current().pid() % 1000).toByteArray())
                    .array();
            assertThatThrownBy(() -> s.request(RTM_DELLINK, 0, payload, "delete link nosuch"))
                    .isInstanceOf(NetlinkException.class)
                    .hasMessageContaining("delete link nosuch")
                    .hasMessageContaining("ENODEV");
        }
    }
}
