package io.javalived.vrrp.runtime;

import static io.javalived.vrrp.runtime.EngineInMemoryTest.ip;
import static org.assertj.core.api.Assertions.assertThat;

import io.javalived.vrrp.state.Vip;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * vrrp_garp_interval / vrrp_gna_interval: on one interface, two GARPs (NAs) are never closer than the interval,
 * whatever VIP they are for; other interfaces and the other kind are not held up; 0 sends everything at once.
 * Only lower bounds on the gaps are asserted (a loaded machine only makes them longer).
 */
class PacedAnnouncerTest {
    record Sent(long at, String vip) {}

    final List<Sent> sent = new CopyOnWriteArrayList<>();
    final Announcer frames = (vip, count) -> {
        for (int i = 0; i < count; i++) sent.add(new Sent(System.nanoTime(), vip.address().getHostAddress()));
    };

    static Vip vip(String a, String dev) {
        return Vip.of(ip(a), a.contains(":") ? 64 : 24, dev);
    }

    private void awaitCount(int n) throws InterruptedException {
        long end = System.nanoTime() + 10_000_000_000L;
        while (sent.size() < n && System.nanoTime() < end) Thread.sleep(5);
        assertThat(sent).hasSize(n);
    }

    @Test
    void garpsOnOneInterfaceAreSpacedByTheIntervalAcrossVips() throws Exception {
        var p = new PacedAnnouncer(() -> frames, System::nanoTime);
        p.intervals(Duration.ofMillis(50), Duration.ZERO);
        try (p) {
            p.announce(vip("10.0.0.3", "eth0"), 3);
            assertThat(sent).as("the first goes out at once, on the caller's thread").isNotEmpty();
            p.announce(vip("10.0.0.4", "eth0"), 2);
            awaitCount(5);
            assertThat(sent).extracting(Sent::vip).containsExactly("10.0.0.3", "10.0.0.3", "10.0.0.3", "10.0.0.4", "10.0.0.4");
            for (int i = 1; i < sent.size(); i++) {
                assertThat(sent.get(i).at() - sent.get(i - 1).at()).as("gap " + i).isGreaterThanOrEqualTo(50_000_000L);
            }
            Thread.sleep(60);
            int before = sent.size();
            p.announce(vip("10.0.0.3", "eth0"), 1);
            assertThat(sent).as("a GARP after a quiet interval goes out at once").hasSize(before + 1);
        }
    }

    @Test
    void otherInterfacesAndNasAreNotHeldUpAndZeroIsBackToBack() throws Exception {
        var p = new PacedAnnouncer(() -> frames, System::nanoTime);
        p.intervals(Duration.ofSeconds(10), Duration.ZERO);
        try (p) {
            p.announce(vip("10.0.0.3", "eth0"), 2);
            p.announce(vip("10.1.0.3", "eth1"), 1);
            p.announce(vip("fd00::3", "eth0"), 3);
            assertThat(sent).extracting(Sent::vip).containsExactly("10.0.0.3", "10.1.0.3", "fd00:0:0:0:0:0:0:3", "fd00:0:0:0:0:0:0:3", "fd00:0:0:0:0:0:0:3");
        }
        sent.clear();
        var q = new PacedAnnouncer(() -> frames, System::nanoTime);
        q.intervals(Duration.ZERO, Duration.ofMillis(40));
        try (q) {
            q.announce(vip("fd00::3", "eth0"), 3);
            awaitCount(3);
            assertThat(sent.get(2).at() - sent.get(0).at()).isGreaterThanOrEqualTo(80_000_000L);
        }
    }
}
