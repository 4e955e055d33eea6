package io.javalived.daemon.metrics;

import io.javalived.daemon.status.DaemonStatus;
import io.javalived.daemon.status.IpvsCalls;
import io.javalived.daemon.status.VrrpInstanceStatus;
import io.javalived.daemon.status.LastCheck;
import io.javalived.daemon.status.RealServerStatus;
import io.javalived.daemon.status.SyncDaemonStatus;
import io.javalived.daemon.status.CheckState;
import io.javalived.daemon.status.CheckerStatus;
import io.javalived.daemon.status.LoopStatus;
import io.javalived.daemon.status.VirtualServerStatus;
import io.javalived.daemon.status.VrrpCounters;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tags;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import java.util.function.ToDoubleFunction;

/**
 * The {@code /metrics} page: Micrometer meters over the latest {@link DaemonStatus}, rendered by the
 * Prometheus registry. VRRP counters carry the names of the keepalived exporters (mehdy/keepalived-exporter:
 * {@code keepalived_advertisements_received_total} ..., labels {@code iname, intf, vrid}) so existing
 * dashboards work; what keepalived has no exporter for (real-server checks, checker stall, reloads, kernel IPVS calls) is
 * under {@code javalived_}. Meters of instances and servers that disappear (after a reload) are removed.
 */
public final class DaemonMetrics {

    /** keepalived stats name -> exporter counter name (without the {@code _total} Prometheus adds). */
    static final Map<String, String> PACKET_ERROR_COUNTERS = orderedMap(
            "packet_len_err", "keepalived.packet.length.errors",
            "advert_interval_err", "keepalived.advertisements.interval.errors",
            "ip_ttl_err", "keepalived.ip.ttl.errors",
            "invalid_type_rcvd", "keepalived.invalid.type.received",
            "addr_list_err", "keepalived.address.list.errors",
            "invalid_authtype", "keepalived.authentication.invalid",
            "authtype_mismatch", "keepalived.authentication.mismatch",
            "auth_failure", "keepalived.authentication.failure");

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final Supplier<DaemonStatus> status;
    private final Map<String, List<Meter>> meters = new HashMap<>();
    private volatile DaemonStatus current;
    private volatile Map<String, VrrpInstanceStatus> instances = Map.of();
    private volatile Map<String, RealServerStatus> realServers = Map.of();
    private volatile Map<String, VirtualServerStatus> virtualServers = Map.of();
    private volatile Map<String, CheckerStatus> checkers = Map.of();
    private volatile Map<String, LoopStatus> loops = Map.of();
    private volatile Map<String, IpvsCalls> ipvsCalls = Map.of();

    public DaemonMetrics(Supplier<DaemonStatus> status) {
        this.status = status;
        Gauge.builder("keepalived.up", () -> 1).description("1 while the daemon runs").register(registry);
        FunctionCounter.builder("javalived.reloads", this, m -> m.current == null ? 0 : m.current.reload().applied())
                .tag("outcome", "applied").description("Reloads by outcome").register(registry);
        FunctionCounter.builder("javalived.reloads", this, m -> m.current == null ? 0 : m.current.reload().refused())
                .tag("outcome", "refused").description("Reloads by outcome").register(registry);
        Gauge.builder("javalived.reload.last.success", this, m -> m.current == null ? Double.NaN
                        : m.current.reload().last().map(o -> o.applied() ? 1.0 : 0.0).orElse(Double.NaN))
                .description("1 when the last reload was applied, 0 when it was refused").register(registry);
        Gauge.builder("javalived.reload.last.timestamp", this, m -> m.current == null ? Double.NaN
                        : m.current.reload().last().map(o -> o.at().toEpochMilli() / 1000.0).orElse(Double.NaN))
                .baseUnit("seconds").description("When the last reload ended (Unix time)").register(registry);
    }

    /** The Prometheus text page for the daemon's status now. */
    public synchronized String scrape() {
        refresh(status.get());
        return registry.scrape();
    }

    public PrometheusMeterRegistry registry() {
        return registry;
    }

    synchronized void refresh(DaemonStatus s) {
        Map<String, VrrpInstanceStatus> is = new LinkedHashMap<>();
        for (VrrpInstanceStatus i : s.vrrpInstances()) {
            is.put(instanceKey(i), i);
        }
        Map<String, VirtualServerStatus> vss = new LinkedHashMap<>();
        Map<String, RealServerStatus> rss = new LinkedHashMap<>();
        for (VirtualServerStatus vs : s.virtualServers()) {
            vss.put("vs|" + vs.id(), vs);
            for (RealServerStatus rs : vs.realServers()) {
                rss.put("rs|" + vs.id() + "|" + rs.id(), rs);
            }
        }
        Map<String, CheckerStatus> cs = new LinkedHashMap<>();
        Map<String, String[]> checkLabels = new LinkedHashMap<>();
        for (VirtualServerStatus vs : s.virtualServers()) {
            for (RealServerStatus rs : vs.realServers()) {
                for (CheckerStatus c : rs.checkers()) {
                    String check = checkLabel(rs, c);
                    String key = "chk|" + vs.id() + "|" + rs.id() + "|" + check;
                    cs.put(key, c);
                    checkLabels.put(key, new String[] {vs.id(), rs.id(), check});
                }
            }
        }
        Map<String, LoopStatus> ls = new LinkedHashMap<>();
        for (LoopStatus l : s.checkerLoops()) {
            ls.put("loop|" + l.loop(), l);
        }
        Map<String, IpvsCalls> calls = new LinkedHashMap<>();
        for (IpvsCalls c : s.ipvsKernelCalls()) {
            calls.put("ipvs|" + c.op(), c);
        }
        current = s;
        ipvsCalls = calls;
        instances = is;
        virtualServers = vss;
        realServers = rss;
        checkers = cs;
        loops = ls;
        Set<String> live = new HashSet<>();
        is.forEach((key, i) -> {
            live.add(key);
            meters.computeIfAbsent(key, k -> registerInstance(k, i));
            for (String reason : i.counters().packetErrors().keySet()) {
                if (!PACKET_ERROR_COUNTERS.containsKey(reason)) {
                    String k = key + "|" + reason;
                    live.add(k);
                    meters.computeIfAbsent(k, x -> List.of(FunctionCounter.builder("javalived.vrrp.packet.errors", this,
                                    m -> instanceValue(key, c -> c.counters().packetErrors(reason)))
                            .tags(instanceTags(i)).tag("reason", reason)
                            .description("Received VRRP packets dropped for a reason keepalived's exporters do not name")
                            .register(registry)));
                }
            }
        });
        vss.forEach((key, vs) -> {
            live.add(key);
            meters.computeIfAbsent(key, k -> List.of(Gauge.builder("javalived.virtual.server.quorum.up", this,
                            m -> m.virtualServers.containsKey(k) ? (m.virtualServers.get(k).quorumUp() ? 1 : 0) : Double.NaN)
                    .tag("virtual_server", vs.id()).description("1 while the live weight meets the quorum").register(registry)));
        });
        for (VirtualServerStatus vs : s.virtualServers()) {
            for (RealServerStatus rs : vs.realServers()) {
                String key = "rs|" + vs.id() + "|" + rs.id();
                live.add(key);
                meters.computeIfAbsent(key, k -> registerRealServer(k, vs.id(), rs.id()));
            }
        }
        checkLabels.forEach((key, labels) -> {
            live.add(key);
            meters.computeIfAbsent(key, k -> registerCheck(k, labels[0], labels[1], labels[2]));
        });
        ls.forEach((key, l) -> {
            live.add(key);
            meters.computeIfAbsent(key, k -> List.of(Gauge.builder("javalived.checker.stall", this,
                            m -> m.loops.containsKey(k) ? m.loops.get(k).stallSeconds() : Double.NaN)
                    .baseUnit("seconds").tag("loop", l.loop())
                    .description("Time since the checker-side loop last turned: below 0.5 s while it runs, growing while it is blocked")
                    .register(registry)));
        });
        calls.forEach((key, c) -> {
            live.add(key);
            meters.computeIfAbsent(key, k -> registerIpvsCalls(k, c.op()));
        });
        for (SyncDaemonStatus d : s.syncDaemons()) {
            String key = "syncd|" + d.state() + "|" + d.interfaceName() + "|" + d.syncId();
            live.add(key);
            meters.computeIfAbsent(key, k -> List.of(Gauge.builder("javalived.ipvs.sync.daemon", () -> 1)
                    .tags("state", d.state(), "interface", d.interfaceName(), "syncid", Integer.toString(d.syncId()))
                    .description("1 for each IPVS connection sync daemon the kernel runs (lvs_sync_daemon)")
                    .register(registry)));
        }
        for (var it = meters.entrySet().iterator(); it.hasNext(); ) {
            var e = it.next();
            if (!live.contains(e.getKey())) {
                e.getValue().forEach(registry::remove);
                it.remove();
            }
        }
    }

    private List<Meter> registerInstance(String key, VrrpInstanceStatus i) {
        Tags tags = instanceTags(i);
        List<Meter> out = new ArrayList<>();
        out.add(counter("keepalived.advertisements.received", key, tags, VrrpCounters::advertReceived, "Adverts received"));
        out.add(counter("keepalived.advertisements.sent", key, tags, VrrpCounters::advertSent, "Adverts sent"));
        out.add(counter("keepalived.become.master", key, tags, VrrpCounters::becomeMaster, "Transitions to MASTER"));
        out.add(counter("keepalived.release.master", key, tags, VrrpCounters::releaseMaster, "Transitions out of MASTER"));
        out.add(counter("keepalived.priority.zero.received", key, tags, VrrpCounters::priorityZeroReceived,
                "Priority-0 adverts received (the master is leaving)"));
        out.add(counter("keepalived.priority.zero.sent", key, tags, VrrpCounters::priorityZeroSent,
                "Priority-0 adverts sent (leaving MASTER)"));
        PACKET_ERROR_COUNTERS.forEach((stat, name) -> out.add(counter(name, key, tags, c -> c.packetErrors(stat),
                "Received packets dropped: " + stat)));
        out.add(Gauge.builder("keepalived.vrrp.state", this, m -> m.instanceValue(key, x -> x.state().code()))
                .tags(tags).description("VRRP state: 0 INIT, 1 BACKUP, 2 MASTER, 3 FAULT, 98 STOP").register(registry));
        out.add(Gauge.builder("javalived.vrrp.priority", this, m -> m.instanceValue(key, VrrpInstanceStatus::basePriority))
                .tags(tags).tag("kind", "base").description("Configured and effective priority").register(registry));
        out.add(Gauge.builder("javalived.vrrp.priority", this, m -> m.instanceValue(key, VrrpInstanceStatus::effectivePriority))
                .tags(tags).tag("kind", "effective").description("Configured and effective priority").register(registry));
        return out;
    }

    private Meter counter(String name, String key, Tags tags, ToDoubleFunction<VrrpCounters> f, String help) {
        return FunctionCounter.builder(name, this, m -> m.instanceValue(key, i -> f.applyAsDouble(i.counters())))
                .tags(tags).description(help).register(registry);
    }

    private List<Meter> registerRealServer(String key, String vs, String rs) {
        Tags tags = Tags.of("virtual_server", vs, "real_server", rs);
        return List.of(
                Gauge.builder("javalived.real.server.up", this, m -> m.realServerValue(key,
                                r -> r.state() == CheckState.UNKNOWN ? Double.NaN : r.state() == CheckState.UP ? 1 : 0))
                        .tags(tags).description("Check state: 1 up, 0 down, NaN before the first result").register(registry),
                Gauge.builder("javalived.real.server.in.pool", this, m -> m.realServerValue(key, r -> r.inPool() ? 1 : 0))
                        .tags(tags).description("1 while the server is in the IPVS table with a weight").register(registry),
                Gauge.builder("javalived.real.server.weight", this, m -> m.realServerValue(key, RealServerStatus::weight))
                        .tags(tags).description("The real server's weight").register(registry),
                Gauge.builder("javalived.real.server.configured.weight", this, m -> m.realServerValue(key, RealServerStatus::configuredWeight))
                        .tags(tags).description("The real server's weight in the configuration").register(registry),
                Gauge.builder("javalived.real.server.last.transition.timestamp", this, m -> m.realServerValue(key,
                                r -> r.lastTransition().map(t -> t.toEpochMilli() / 1000.0).orElse(Double.NaN)))
                        .baseUnit("seconds").tags(tags).description("When the check state last changed (Unix time)")
                        .register(registry));
    }

    private List<Meter> registerCheck(String key, String vs, String rs, String check) {
        Tags tags = Tags.of("virtual_server", vs, "real_server", rs, "check", check);
        return List.of(
                Gauge.builder("javalived.check.up", this, m -> m.checkValue(key, c -> c.state() == CheckState.UP ? 1 : 0))
                        .tags(tags).description("The checker's verdict: 1 up, 0 down").register(registry),
                Gauge.builder("javalived.check.latency", this, m -> m.checkValue(key,
                                c -> c.lastCheck().map(l -> l.latencyMs() / 1000.0).orElse(Double.NaN)))
                        .baseUnit("seconds").tags(tags).description("Latency of the checker's last check").register(registry),
                Gauge.builder("javalived.check.age", this, m -> m.checkValue(key, m::checkAgeSeconds))
                        .baseUnit("seconds").tags(tags)
                        .description("Time since the checker's last result (stays near delay_loop while it runs)")
                        .register(registry));
    }

    private List<Meter> registerIpvsCalls(String key, String op) {
        return List.of(
                FunctionCounter.builder("javalived.ipvs.kernel.calls", this, m -> m.ipvsCallsValue(key, IpvsCalls::calls))
                        .tag("op", op).description("Calls made to the kernel's IPVS (reads included), refused ones too")
                        .register(registry),
                FunctionCounter.builder("javalived.ipvs.kernel.errors", this, m -> m.ipvsCallsValue(key, IpvsCalls::errors))
                        .tag("op", op).description("Calls the kernel's IPVS refused (EEXIST on an add and ENOENT on a "
                                + "delete included: keepalived tolerates those)")
                        .register(registry));
    }

    private double ipvsCallsValue(String key, ToDoubleFunction<IpvsCalls> f) {
        IpvsCalls c = ipvsCalls.get(key);
        return c == null ? Double.NaN : f.applyAsDouble(c);
    }

    private double checkAgeSeconds(CheckerStatus c) {
        DaemonStatus s = current;
        return c.lastCheck().map(LastCheck::at).map(at -> Duration.between(at, s.now()).toMillis() / 1000.0)
                .orElse(Double.NaN);
    }

    private double checkValue(String key, ToDoubleFunction<CheckerStatus> f) {
        CheckerStatus c = checkers.get(key);
        return c == null ? Double.NaN : f.applyAsDouble(c);
    }

    /** {@code TCP_CHECK}, or with its target when the real server has two checkers of that kind. */
    static String checkLabel(RealServerStatus rs, CheckerStatus c) {
        long sameKind = rs.checkers().stream().filter(x -> x.kind().equals(c.kind())).count();
        return sameKind > 1 ? c.kind() + " " + c.target() : c.kind();
    }

    private double instanceValue(String key, ToDoubleFunction<VrrpInstanceStatus> f) {
        VrrpInstanceStatus i = instances.get(key);
        return i == null ? Double.NaN : f.applyAsDouble(i);
    }

    private double realServerValue(String key, ToDoubleFunction<RealServerStatus> f) {
        RealServerStatus r = realServers.get(key);
        return r == null ? Double.NaN : f.applyAsDouble(r);
    }

    private static String instanceKey(VrrpInstanceStatus i) {
        return "vrrp|" + i.name() + "|" + i.interfaceName() + "|" + i.vrid();
    }

    private static Tags instanceTags(VrrpInstanceStatus i) {
        return Tags.of("iname", i.name(), "intf", i.interfaceName(), "vrid", Integer.toString(i.vrid()));
    }

    private static Map<String, String> orderedMap(String... kv) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put(kv[i], kv[i + 1]);
        }
        return java.util.Collections.unmodifiableMap(m);
    }
}
