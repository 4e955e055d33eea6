package io.javalived.daemon.anycast;

import io.javalived.healthcheck.lvs.HealthEvents;
import io.javalived.healthcheck.lvs.HealthSnapshot;
import io.javalived.healthcheck.lvs.LvsPlanner;
import io.javalived.healthcheck.lvs.VirtualServerPlan;
import io.javalived.ipvs.ServiceKey;
import io.javalived.ipvs.VirtualService;
import io.javalived.parser.model.KeepalivedConfig;
import java.net.InetAddress;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides which virtual server addresses this director announces ({@code javalived_announce}): an address is announced
 * while every announcing virtual server on it has quorum, and withdrawn as soon as one loses it (a director that cannot
 * serve one of the address's services lets the others carry the address), at a reload that drops the keyword, and at
 * stop. Quorum comes from the checkers' reconciler: its {@link #events()} (quorum changes, on the reconciler's thread)
 * and a {@link HealthSnapshot} at start and after each reload. Every change runs on {@code executor} (one thread: the
 * reconciler never waits for the kernel); the {@link RouteAnnouncer} makes it real.
 */
public final class AnycastAnnouncer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(AnycastAnnouncer.class);

    /** One announcing virtual server: its addresses and whether it has quorum (unknown until the first snapshot: false). */
    private record Vs(Set<InetAddress> addresses, boolean quorumUp) {}

    private final RouteAnnouncer routes;
    private final Executor executor;
    /** Names (as the plans name them) of the virtual servers with javalived_announce; executor only. */
    private Set<String> announcing;
    private final Map<String, Vs> state = new HashMap<>();
    private boolean closed;

    public AnycastAnnouncer(KeepalivedConfig config, RouteAnnouncer routes, Executor executor) {
        this.routes = routes;
        this.executor = executor;
        this.announcing = announcing(config);
    }

    /** Whether any virtual server of {@code config} has javalived_announce. */
    public static boolean wanted(KeepalivedConfig config) {
        return !announcing(config).isEmpty();
    }

    private static Set<String> announcing(KeepalivedConfig config) {
        return config.virtualServers().stream().filter(v -> v.announce().isPresent())
                .map(LvsPlanner::virtualServerName).collect(Collectors.toUnmodifiableSet());
    }

    /** What the reconciler tells: quorum changes reach {@link #quorum} on the executor. */
    public HealthEvents events() {
        return new HealthEvents() {
            @Override
            public void quorumChanged(VirtualServerPlan vs, boolean up, boolean starting, long liveWeight) {
                Set<InetAddress> addresses = addresses(vs.services());
                executor.execute(() -> quorum(vs.name(), addresses, up));
            }
        };
    }

    /** The reconciler's state as a whole (at start and after a reload): every announcing virtual server's quorum. */
    public void sync(HealthSnapshot snapshot) {
        executor.execute(() -> {
            state.keySet().retainAll(announcing);
            for (HealthSnapshot.VirtualServer v : snapshot.virtualServers()) {
                if (announcing.contains(v.name())) {
                    state.put(v.name(), new Vs(addresses(v.services()), v.quorumUp()));
                }
            }
            apply("checkers' state");
        });
    }

    /** A reload: which virtual servers announce; follow it with {@link #sync}. */
    public void reconfigure(KeepalivedConfig next) {
        Set<String> names = announcing(next);
        executor.execute(() -> {
            announcing = names;
            state.keySet().retainAll(names);
            apply("reload");
        });
    }

    private void quorum(String name, Set<InetAddress> addresses, boolean up) {
        if (!announcing.contains(name)) return;
        state.put(name, new Vs(addresses, up));
        apply(name + (up ? " gained quorum" : " lost quorum"));
    }

    /** The addresses every announcing virtual server with quorum agrees on. */
    Set<InetAddress> wanted() {
        Set<InetAddress> all = new LinkedHashSet<>();
        Set<InetAddress> refused = new LinkedHashSet<>();
        for (Vs v : state.values()) {
            (v.quorumUp() ? all : refused).addAll(v.addresses());
        }
        all.removeAll(refused);
        return all;
    }

    private void apply(String why) {
        if (closed) return;
        Set<InetAddress> want = wanted();
        try {
            Set<InetAddress> have = routes.announced();
            for (InetAddress a : have) {
                if (!want.contains(a) && routes.withdraw(a)) {
                    log.warn("anycast: withdrawing {}/{} ({})", a.getHostAddress(), prefix(a), why);
                }
            }
            for (InetAddress a : want) {
                if (!have.contains(a) && routes.announce(a)) {
                    log.info("anycast: announcing {}/{} ({})", a.getHostAddress(), prefix(a), why);
                }
            }
        } catch (RuntimeException e) {
            log.error("anycast: the routes could not follow ({}): {}", why, e.getMessage());
        }
    }

    private static int prefix(InetAddress a) {
        return a.getAddress().length * 8;
    }

    private static Set<InetAddress> addresses(List<VirtualService> services) {
        Set<InetAddress> out = new LinkedHashSet<>();
        for (VirtualService s : services) {
            if (s.key() instanceof ServiceKey.Address a) out.add(a.address());
        }
        return Set.copyOf(out);
    }

    /** Everything announced now (the announcer's view). */
    public Set<InetAddress> announced() {
        return routes.announced();
    }

    /** Withdraws every route and lets the announcer go (on the executor, after what is queued); waits for it. */
    @Override
    public void close() {
        var done = new java.util.concurrent.CompletableFuture<Void>();
        executor.execute(() -> {
            try {
                if (!closed) {
                    closed = true;
                    Set<InetAddress> had = routes.announced();
                    routes.close();
                    had.forEach(a -> log.info("anycast: withdrawing {}/{} (stop)", a.getHostAddress(), prefix(a)));
                }
                done.complete(null);
            } catch (RuntimeException e) {
                done.completeExceptionally(e);
            }
        });
        try {
            done.get(5, java.util.concurrent.TimeUnit.SECONDS);
        } catch (Exception e) {
            log.error("anycast: withdrawing at stop failed: {}", e.toString());
        }
    }
}
