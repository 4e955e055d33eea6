package io.javalived.net.nft;

import static org.assertj.core.api.Assertions.assertThat;

import io.javalived.net.netlink.Netlink;
import io.javalived.net.netlink.NetlinkMessage;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Golden bytes: the messages of {@code nft -f} for keepalived's IPv4 table (seen with {@code nft --debug=mnl}:
 * table ip keepalived, set vips of ipv4_addr, chain out at filter - 1, rule {@code ip saddr @vips drop}) are the
 * ones NftBatch writes, attribute for attribute, inside NFNL_MSG_BATCH_BEGIN / END for the nf_tables subsystem.
 */
class NftBatchTest {
    static final String KEEPALIVED = "0f0001006b656570616c69766564000000";

    static String hex(NetlinkMessage m) {
        return HexFormat.of().formatHex(m.payload());
    }

    static String strip(String s) {
        return s.replace(" ", "");
    }

    @Test
    void keepalivedsIpv4TableAsNftWritesIt() {
        List<NetlinkMessage> m = new NftBatch()
                .addTable(NftBatch.FAMILY_IPV4, "keepalived")
                .addBaseChain(NftBatch.FAMILY_IPV4, "keepalived", "out", NftBatch.HOOK_LOCAL_OUT, -1)
                .addSet(NftBatch.FAMILY_IPV4, "keepalived", "vips", 1, NftBatch.TYPE_IPV4_ADDR, 4)
                .addRule(NftBatch.FAMILY_IPV4, "keepalived", "out", List.of(
                        new NftExpression.Payload(NftExpression.BASE_NETWORK, 12, 4, NftExpression.REG_1),
                        new NftExpression.Lookup("vips", 1, NftExpression.REG_1),
                        new NftExpression.Verdict(NftExpression.Verdict.DROP)))
                .framed();
        assertThat(m).hasSize(6);
        assertThat(m.getFirst().type()).isEqualTo(0x10);
        assertThat(hex(m.getFirst())).isEqualTo("0000000a");
        assertThat(m.getLast().type()).isEqualTo(0x11);
        assertThat(m.subList(1, 5)).extracting(NetlinkMessage::type).containsExactly(2560, 2563, 2569, 2566);
        assertThat(m.subList(1, 5)).allMatch(x -> (x.flags() & (Netlink.NLM_F_REQUEST | Netlink.NLM_F_ACK))
                == (Netlink.NLM_F_REQUEST | Netlink.NLM_F_ACK));
        String table = strip("02000000 0f000100 6b656570 616c6976 65640000");
        assertThat(hex(m.get(1))).isEqualTo(table + strip("08000200 00000000"));
        assertThat(hex(m.get(2))).isEqualTo(table + strip("08000300 6f757400 0b000700 66696c74 65720000"
                + "08000500 00000001 14000480 08000100 00000003 08000200 ffffffff"));
        assertThat(hex(m.get(3))).isEqualTo(table + strip("09000200 76697073 00000000 08000300 00000000"
                + "08000400 00000007 08000500 00000004 08000a00 00000001 0a000d00 00040200 00000000"));
        assertThat(hex(m.get(4))).isEqualTo(table + strip("08000200 6f757400 98000480"
                + "34000180 0c000100 7061796c 6f616400 24000280 08000100 00000001 08000200 00000001"
                + "08000300 0000000c 08000400 00000004"
                + "30000180 0b000100 6c6f6f6b 75700000 20000280 08000200 00000001 09000100 76697073 00000000"
                + "08000400 00000001"
                + "30000180 0e000100 696d6d65 64696174 65000000 1c000280 08000100 00000000 10000280 0c000280"
                + "08000100 00000000"));
    }

    @Test
    void elementsOfASetMadeEarlierAreNamedWithoutTheId() {
        List<NetlinkMessage> m = new NftBatch()
                .deleteElements(NftBatch.FAMILY_IPV4, "keepalived", "vips", List.of(new byte[] {10, 0, 0, 3}))
                .framed();
        assertThat(m.get(1).type()).isEqualTo(2574);
        assertThat(hex(m.get(1))).isEqualTo(strip("02000000 0f000100 6b656570 616c6976 65640000"
                + "09000200 76697073 00000000 14000380 10000180 0c000180 08000100 0a000003"));
    }
}
