package io.javalived.vrrp.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.javalived.vrrp.receive.ReceivedPacket;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import java.util.concurrent.CopyOnWriteArrayList;

/** log_unknown_vrids: keepalived's line, once per interface for all its instances, rate-limited per VRID. */
class UnknownVridsTest {
    final List<String> logged = new CopyOnWriteArrayList<>();

    static ReceivedPacket advert(int vrid) {
        byte[] b = new byte[20 + 8];
        b[0] = 0x45;
        b[9] = 112;
        b[20] = 0x21;
        b[21] = (byte) vrid;
        return new ReceivedPacket.Ipv4Datagram(b);
    }

    private List<String> lines() {
        return List.copyOf(logged);
    }

    @Test
    void oneLinePerInterfaceAndVridThenAtMostOneAMinuteWithTheCount() throws Exception {
        var platform = new InMemoryPlatform(new InMemoryPlatform.Wire(), EngineInMemoryTest.ip("10.0.0.5"));
        AtomicLong now = new AtomicLong(1_000);
        try (var e = new VrrpEngine(platform, List.of(EngineRulesTest.plain("VI_1", 100, "10.0.0.5")), Map.of(), Map.of())) {
            var vi1 = new RunningInstance(EngineRulesTest.plain("VI_1", 100, "10.0.0.5"), platform, null, null, () -> true, null);
            var vi2 = new RunningInstance(EngineRulesTest.plain("VI_2", 100, "10.0.0.5"), platform, null, null, () -> true, null);
            var u = new UnknownVrids(() -> List.of(vi1, vi2), now::get, logged::add);
            u.heard(vi1, advert(51));
            assertThat(lines()).as("disabled by default").isEmpty();
            u.enabled(true);
            u.heard(vi2, advert(51));
            assertThat(lines()).as("only the first instance on eth0 speaks").isEmpty();
            u.heard(vi1, advert(62));
            assertThat(lines()).as("VI_2 has 62? no: both have 62, so it is known").isEmpty();
            u.heard(vi1, advert(51));
            assertThat(lines()).containsExactly("Unknown VRID(51) received on interface(eth0). ignoring...");
            for (int i = 0; i < 1000; i++) u.heard(vi1, advert(51));
            assertThat(lines()).hasSize(1);
            u.heard(vi1, advert(52));
            assertThat(lines()).hasSize(2).last().isEqualTo("Unknown VRID(52) received on interface(eth0). ignoring...");
            now.addAndGet(UnknownVrids.QUIET_NANOS);
            u.heard(vi1, advert(51));
            assertThat(lines()).hasSize(3).last().isEqualTo(
                    "Unknown VRID(51) received on interface(eth0). ignoring... (1000 more since the last line, not logged)");
        }
    }
}
