package io.javalived.net.genl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.javalived.net.netlink.AttributeList;
import io.javalived.net.netlink.AttributeWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

class GenericNetlinkTest {

    @Test
    void resolvesTheControllerFamilyItself() {
        try (GenericNetlinkSocket s = GenericNetlinkSocket.open()) {
            GenlFamily ctrl = s.resolve("nlctrl");
            assertThat(ctrl.id()).isEqualTo(GenericNetlinkSocket.GENL_ID_CTRL);
            assertThat(ctrl.name()).isEqualTo("nlctrl");
            assertThat(ctrl.version()).isPositive();
            assertThat(ctrl.multicastGroups()).containsKey("notify");
        }
    }

    @Test
    void anUnknownFamilyIsNotFoundByName() {
        try (GenericNetlinkSocket s = GenericNetlinkSocket.open()) {
            assertThatThrownBy(() -> s.resolve("nosuchfamily"))
                    .isInstanceOf(GenlFamilyNotFoundException.class)
                    .hasMessage("generic netlink family nosuchfamily not found");
        }
    }

    @Test
    void ipvsIsNotFoundOnAKernelWithoutIpvs() {
        Assumptions.assumeFalse(Files.exists(Path.of("/proc/net/ip_vs")),
                "this kernel has IPVS (/proc/net/ip_vs exists); the not-found case needs one without");
        try (GenericNetlinkSocket s = GenericNetlinkSocket.open()) {
            assertThatThrownBy(() -> s.resolve("IPVS"))
                    .isInstanceOf(GenlFamilyNotFoundException.class)
                    .hasMessage("generic netlink family IPVS not found");
        }
    }

    @Test
    void familyRequestEncodesTheNameAsTheControllerExpects() {
        GenlMessage m = GenericNetlinkSocket.getFamilyRequest("IPVS");
        GenlMessage back = GenlMessage.decode(m.encode());
        assertThat(back.command()).isEqualTo(GenericNetlinkSocket.CTRL_CMD_GETFAMILY);
        assertThat(back.attributes().string(GenericNetlinkSocket.CTRL_ATTR_FAMILY_NAME, null)).isEqualTo("IPVS");
    }

    @Test
    void parsesAFamilyAnswerWithMulticastGroups() {
        AttributeList attrs = AttributeList.decode(new AttributeWriter()
                .u16(GenericNetlinkSocket.CTRL_ATTR_FAMILY_ID, 0x22)
                .string(GenericNetlinkSocket.CTRL_ATTR_FAMILY_NAME, "IPVS")
                .u32(GenericNetlinkSocket.CTRL_ATTR_VERSION, 1)
                .u32(GenericNetlinkSocket.CTRL_ATTR_HDRSIZE, 0)
                .u32(GenericNetlinkSocket.CTRL_ATTR_MAXATTR, 6)
                .nested(GenericNetlinkSocket.CTRL_ATTR_MCAST_GROUPS, g -> g.nested(1, one -> one
                        .string(GenericNetlinkSocket.CTRL_ATTR_MCAST_GRP_NAME, "events")
                        .u32(GenericNetlinkSocket.CTRL_ATTR_MCAST_GRP_ID, 9)))
                .toByteArray());
        GenlFamily f = GenericNetlinkSocket.parseFamily(new GenlMessage(GenericNetlinkSocket.CTRL_CMD_NEWFAMILY, 2, attrs));
        assertThat(f).isEqualTo(new GenlFamily("IPVS", 0x22, 1, 0, 6, java.util.Map.of("events", 9)));
    }

    @Property
    void genlMessagesRoundTrip(@ForAll("commands") int command, @ForAll("commands") int version,
                               @ForAll int value, @ForAll("names") String name) {
        GenlMessage m = new GenlMessage(command, version,
                AttributeList.decode(new AttributeWriter().u32(1, value).string(2, name).toByteArray()));
        assertThat(GenlMessage.decode(m.encode())).isEqualTo(m);
    }

    @Provide
    Arbitrary<Integer> commands() {
        return Arbitraries.integers().between(0, 255);
    }

    @Provide
    Arbitrary<String> names() {
        return Arbitraries.strings().alpha().ofMaxLength(15);
    }
}
