package io.javalived.daemon.status;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A daemon's worth of published status: the seed's lb01 (VI_1 MASTER) plus a FAULT instance, one web service. */
public final class StatusFixtures {
    public static final Instant NOW = Instant.parse("2026-11-21T11:00:00Z");

    private StatusFixtures() {}

    public static InMemoryStatusSource seed() {
        InMemoryStatusSource s = new InMemoryStatusSource();
        s.publish(new VrrpInstanceStatus("VI_1", 51, "eth0", "INET", 2, InstanceState.MASTER, 150, 150,
                Optional.of("10.0.0.1"), List.of("10.0.0.3/32 dev eth0"), NOW.minusSeconds(120),
                "master down timer expired", new VrrpCounters(42, 1200, 1, 0, 0, 0,
                Map.of("ip_ttl_err", 3L, "checksum_err", 2L))));
        s.publish(new VrrpInstanceStatus("VI_DB", 52, "eth1", "INET", 3, InstanceState.FAULT, 100, 0,
                Optional.empty(), List.of("10.0.1.3/24 dev eth1"), NOW.minusSeconds(5), "eth1 is down",
                VrrpCounters.zero()));
        LastCheck ok = new LastCheck("TCP_CHECK [10.0.0.7]:tcp:80", true, "ok", 0.8, NOW.minusSeconds(2));
        LastCheck refused = new LastCheck("TCP_CHECK [10.0.0.8]:tcp:80", false, "connection refused", 0.3, NOW.minusSeconds(4));
        s.publish(new VirtualServerStatus("TCP 10.0.0.3:80", "wrr", "DR", 1, 1, true, Optional.of("10.0.0.9:80"), false, List.of(
                new RealServerStatus("10.0.0.7:80", 1, 1, CheckState.UP, true, Optional.of(ok), Optional.of(NOW.minusSeconds(600)),
                        List.of(new CheckerStatus("TCP_CHECK", "[10.0.0.7]:tcp:80", CheckState.UP, Optional.of(ok), Optional.empty()))),
                new RealServerStatus("10.0.0.8:80", 1, 1, CheckState.DOWN, false, Optional.of(refused), Optional.of(NOW.minusSeconds(30)),
                        List.of(new CheckerStatus("TCP_CHECK", "[10.0.0.8]:tcp:80", CheckState.DOWN, Optional.of(refused),
                                Optional.of(NOW.minusSeconds(30))))))));
        s.publish(new LoopStatus("checker", 0.2));
        s.publish(new LoopStatus("reconciler", 12.5));
        s.publish(new IpvsCalls("add_service", 1, 0));
        s.publish(new IpvsCalls("add_destination", 3, 1));
        s.publish(new IpvsCalls("edit_destination", 0, 0));
        return s;
    }

    public static StatusService service(StatusSource source, ReloadHistory reloads) {
        return new StatusService(Clock.fixed(NOW, ZoneOffset.UTC),
                () -> new DaemonInfo("0.1.0", 4242, NOW.minusSeconds(3600), "/etc/keepalived/keepalived.conf", "lb01"),
                List.of(source), reloads);
    }
}
