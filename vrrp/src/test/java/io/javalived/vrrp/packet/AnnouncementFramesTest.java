package io.javalived.vrrp.packet;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.Arrays;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class AnnouncementFramesTest {
    static final byte[] MAC = HexFormat.of().parseHex("020000000005");

    @Test
    void gratuitousArpIsABroadcastRequestWithTheVipAsSenderAndTarget() throws Exception {
        byte[] f = AnnouncementFrames.gratuitousArp(MAC, (Inet4Address) InetAddress.getByName("10.0.0.3"));
        assertThat(HexFormat.of().formatHex(f)).isEqualTo(
                "ffffffffffff" + "020000000005" + "0806"
                + "0001" + "0800" + "06" + "04" + "0001"
                + "020000000005" + "0a000003" + "ffffffffffff" + "0a000003");
    }

    @Test
    void unsolicitedNaGoesToAllNodesFromTheVipWithOverrideAndAValidChecksum() throws Exception {
        Inet6Address vip = (Inet6Address) InetAddress.getByName("fd00::3");
        byte[] f = AnnouncementFrames.unsolicitedNeighbourAdvert(MAC, vip, true);
        assertThat(Arrays.copyOf(f, 6)).isEqualTo(HexFormat.of().parseHex("333300000001"));
        assertThat(f[14 + 7] & 0xff).as("hop limit").isEqualTo(255);
        assertThat(Arrays.copyOfRange(f, 22, 38)).isEqualTo(vip.getAddress());
        int icmp = 54;
        assertThat(f[icmp] & 0xff).isEqualTo(136);
        assertThat(f[icmp + 4] & 0xff).as("Router + Override").isEqualTo(0xa0);
        assertThat(Arrays.copyOfRange(f, icmp + 26, icmp + 32)).isEqualTo(MAC);
        byte[] ph = new byte[40];
        System.arraycopy(vip.getAddress(), 0, ph, 0, 16);
        System.arraycopy(InetAddress.getByName("ff02::1").getAddress(), 0, ph, 16, 16);
        ph[35] = 32;
        ph[39] = 58;
        int sum = InternetChecksum.sum(f, icmp, 32, InternetChecksum.sum(ph, 0, 40, 0));
        assertThat(sum).as("one's complement sum over pseudo-header and message").isEqualTo(0xffff);
        assertThat(AnnouncementFrames.unsolicitedNeighbourAdvert(MAC, vip, false)[icmp + 4] & 0xff).isEqualTo(0x20);
    }
}
