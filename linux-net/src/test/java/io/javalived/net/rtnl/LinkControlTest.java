package io.javalived.net.rtnl;

import static org.assertj.core.api.Assertions.assertThat;

import io.javalived.net.netlink.AttributeWriter;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** LinkControl's message layouts: the ifinfomsg head and reading a link's kind, macvlan mode and lower link. */
class LinkControlTest {

    @Test
    void ifinfoIsAfUnspecWithIndexFlagsAndChangeThenTheAttributes() {
        byte[] attrs = new AttributeWriter().u32(LinkControl.IFLA_LINK, 2).toByteArray();
        ByteBuffer b = ByteBuffer.wrap(LinkControl.ifinfo(7, Rtnl.IFF_UP, Rtnl.IFF_UP, attrs)).order(ByteOrder.nativeOrder());
        assertThat(b.get()).as("family AF_UNSPEC").isZero();
        b.get();
        assertThat(b.getShort()).isZero();
        assertThat(b.getInt()).as("index").isEqualTo(7);
        assertThat(b.getInt()).as("flags").isEqualTo(Rtnl.IFF_UP);
        assertThat(b.getInt()).as("change").isEqualTo(Rtnl.IFF_UP);
        assertThat(b.remaining()).isEqualTo(attrs.length);
    }

    @Test
    void detailsReadTheKindTheMacvlanModeAndTheLowerLink() {
        byte[] head = new Link(9, "vrrp.62", 1, Rtnl.IFF_UP, 1500, new byte[] {0, 0, 0x5e, 0, 1, 0x3e}).encode();
        byte[] info = new AttributeWriter().u32(LinkControl.IFLA_LINK, 2)
                .nested(LinkControl.IFLA_LINKINFO, li -> li.string(LinkControl.IFLA_INFO_KIND, "macvlan")
                        .nested(LinkControl.IFLA_INFO_DATA, d -> d.u32(LinkControl.IFLA_MACVLAN_MODE, LinkControl.MACVLAN_MODE_PRIVATE)))
                .toByteArray();
        byte[] payload = new byte[head.length + info.length];
        System.arraycopy(head, 0, payload, 0, head.length);
        System.arraycopy(info, 0, payload, head.length, info.length);
        LinkControl.Details d = LinkControl.decodeDetails(payload);
        assertThat(d.link().name()).isEqualTo("vrrp.62");
        assertThat(d.link().mac()).isEqualTo("00:00:5e:00:01:3e");
        assertThat(d.kind()).contains("macvlan");
        assertThat(d.macvlanMode()).isEqualTo(LinkControl.MACVLAN_MODE_PRIVATE);
        assertThat(d.lowerIndex()).isEqualTo(2);
        assertThat(d.privateMacvlan()).isTrue();

        LinkControl.Details plain = LinkControl.decodeDetails(new Link(2, "eth0", 1, 0, 1500, new byte[6]).encode());
        assertThat(plain.kind()).isEqualTo(Optional.empty());
        assertThat(plain.privateMacvlan()).isFalse();
    }
}
