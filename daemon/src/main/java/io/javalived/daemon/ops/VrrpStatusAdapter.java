package io.javalived.daemon.ops;

import io.javalived.daemon.reload.ConfigSnapshots;
import io.javalived.daemon.status.InstanceState;
import io.javalived.daemon.status.VrrpInstanceStatus;
import io.javalived.daemon.status.StatusSource;
import io.javalived.daemon.status.VrrpCounters;
import io.javalived.parser.model.KeepalivedConfig;
import io.javalived.parser.model.VrrpInstance;
import io.javalived.vrrp.receive.Notice;
import io.javalived.vrrp.receive.ReceiveStatistics;
import io.javalived.vrrp.receive.RejectReason;
import io.javalived.vrrp.runtime.StateTransition;
import io.javalived.vrrp.runtime.VrrpEngine;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import io.javalived.vrrp.runtime.InstanceStatus;
import io.javalived.vrrp.state.VrrpState;

/**
 * The VRRP engine as a {@link StatusSource}: its per-instance snapshot, completed from the configuration
 * (interface, family, version, base priority, VIPs) and the receive statistics (drops by keepalived's
 * statistic name, address-list mismatches, priority-0 adverts received).
 *
 * <p>{@code lastTransition} and {@code reason} are the engine's record of the latest state change (its monotonic
 * time turned into wall-clock time). Without one (an engine that does not keep it), the time is when this adapter
 * first saw the state: {@link Operations} reads it every 200 ms, so the time is at most that late; the reason
 * says so.
 */
public final class VrrpStatusAdapter implements StatusSource {
    private final Supplier<List<InstanceStatus>> engine;
    private final Function<String, ReceiveStatistics> statistics;
    private volatile Map<String, VrrpInstance> configured;
    private final Clock clock;
    private final Map<String, Seen> seen = new HashMap<>();
    private final Function<String, Optional<StateTransition>> transitions;
    private final LongSupplier engineNanos;

    private record Seen(VrrpState state, Instant since) {}

    public VrrpStatusAdapter(Supplier<List<InstanceStatus>> engine,
                             Function<String, ReceiveStatistics> statistics, KeepalivedConfig config, Clock clock) {
        this(engine, statistics, name -> Optional.empty(), () -> 0, config, clock);
    }

    /**
     * @param transitions each instance's latest state change as the engine performed it (time and reason)
     * @param engineNanos the engine's monotonic clock now (the clock of the transitions' times)
     */
    public VrrpStatusAdapter(Supplier<List<InstanceStatus>> engine,
                             Function<String, ReceiveStatistics> statistics,
                             Function<String, Optional<StateTransition>> transitions, LongSupplier engineNanos,
                             KeepalivedConfig config, Clock clock) {
        this.transitions = transitions;
        this.engineNanos = engineNanos;
        this.engine = engine;
        this.statistics = statistics;
        this.configured = config.vrrpInstances().stream()
                .collect(Collectors.toMap(VrrpInstance::name, i -> i, (a, b) -> a));
        this.clock = clock;
    }

    /** After an applied reload: instances are described from the new configuration (VIPs, priorities, names). */
    public void reloaded(KeepalivedConfig config) {
        this.configured = config.vrrpInstances().stream()
                .collect(Collectors.toMap(VrrpInstance::name, i -> i, (a, b) -> a));
    }

    public static VrrpStatusAdapter of(VrrpEngine engine, KeepalivedConfig config) {
        return new VrrpStatusAdapter(engine::status, engine::statistics, engine::lastTransition, engine::clockNanos, config,
                Clock.systemUTC());
    }

    @Override
    public synchronized List<VrrpInstanceStatus> vrrpInstances() {
        Instant now = clock.instant();
        List<VrrpInstanceStatus> out = new ArrayList<>();
        for (var s : engine.get()) {
            Seen before = seen.get(s.name());
            Seen current = before != null && before.state() == s.state() ? before : new Seen(s.state(), now);
            seen.put(s.name(), current);
            Optional<VrrpInstance> c = Optional.ofNullable(configured.get(s.name()));
            // The engine's own record of the change when it has one for this state: exact time and its reason.
            Optional<StateTransition> t = transitions.apply(s.name()).filter(x -> x.to() == s.state());
            Instant since = t.map(x -> now.minusNanos(Math.max(0, engineNanos.getAsLong() - x.atNanos()))).orElse(current.since());
            String reason = t.map(x -> x.reason() + " (from " + x.from() + ")")
                    .orElse(before == null ? "state at the first status read" : "state change seen by status (within 200 ms)");
            ReceiveStatistics rx = statistics.apply(s.name());
            Map<String, Long> errors = new TreeMap<>();
            for (RejectReason r : RejectReason.values()) {
                long n = rx.rejected(r);
                if (n > 0) {
                    errors.merge(r.statistic(), n, Long::sum);
                }
            }
            long addrList = rx.noticed(Notice.ADDRESS_LIST_MISMATCH);
            if (addrList > 0) {
                errors.merge("addr_list_err", addrList, Long::sum);
            }
            VrrpCounters counters = new VrrpCounters(s.advertsReceived(), s.advertsSent(), s.becameMaster(), s.releasedMaster(),
                    rx.noticed(Notice.PRIORITY_ZERO), s.priorityZeroSent(), errors);
            List<String> vips = c.map(i -> java.util.stream.Stream.concat(
                            i.virtualIpAddresses().stream().map(v -> ConfigSnapshots.vip(v, false).toString()),
                            i.excludedVirtualIpAddresses().stream().map(v -> ConfigSnapshots.vip(v, true).toString())).toList())
                    .orElse(List.of());
            out.add(new VrrpInstanceStatus(s.name(), s.vrid(), c.flatMap(VrrpInstance::interfaceName).orElse(""),
                    c.map(i -> i.family().name()).orElse("INET"), c.map(VrrpInstance::version).orElse(2),
                    InstanceState.valueOf(s.state().name()), c.map(VrrpInstance::priority).orElse(s.effectivePriority()),
                    s.effectivePriority(), s.masterAddress().isEmpty() ? Optional.empty() : Optional.of(s.masterAddress()),
                    vips, since, reason, counters,
                    s.interfaceNow().isEmpty() ? c.flatMap(VrrpInstance::interfaceName).orElse("") : s.interfaceNow(),
                    s.vipsPresent(), s.vipsMissing(), s.vipsRestored()));
        }
        return out;
    }
}
