package io.javalived.daemon;

import io.javalived.daemon.ops.CheckerStatusAdapter;
import io.javalived.daemon.status.IpvsCalls;
import io.javalived.daemon.status.LoopStatus;
import io.javalived.daemon.status.StatusSource;
import io.javalived.daemon.status.VirtualServerStatus;
import io.javalived.daemon.syncd.SyncDaemonFollower;
import io.javalived.daemon.syncd.SyncDaemonSetup;
import io.javalived.healthcheck.HealthChecks;
import io.javalived.healthcheck.lvs.LocalAddresses;
import io.javalived.scripts.ProcessScriptRunner;
import io.javalived.ipvs.CountingIpvsDriver;
import io.javalived.ipvs.IpvsDriver;
import io.javalived.ipvs.IpvsOperation;
import io.javalived.ipvs.IpvsUnavailableException;
import io.javalived.ipvs.netlink.NetlinkIpvsDriver;
import io.javalived.parser.model.KeepalivedConfig;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import io.javalived.daemon.reload.CheckerReload;
import io.javalived.daemon.reload.ReloadChange;
import io.javalived.daemon.reload.ReloadCoordinator;
import io.javalived.daemon.reload.ReloadPlan;
import io.javalived.ipvs.memory.InMemoryIpvsDriver;
import io.javalived.daemon.status.SyncDaemonStatus;
import io.javalived.daemon.alert.LvsAlerts;
import io.javalived.daemon.anycast.AnycastAnnouncer;
import io.javalived.daemon.anycast.KernelRouteAnnouncer;
import io.javalived.daemon.anycast.RouteAnnouncer;
import io.javalived.healthcheck.lvs.HealthEvents;
import java.util.concurrent.ExecutorService;

/**
 * Runs the configuration's virtual servers: health checkers plus the reconciler driving the kernel's
 * IPVS table over netlink. Writes the checkers' pid file (-c) while it runs. Unlike keepalived, a kernel
 * without IPVS stops only this subsystem (with one clear error), not VRRP. Every kernel call goes through a
 * {@link CountingIpvsDriver}, published as {@link #ipvsKernelCalls()} ({@code javalived_ipvs_kernel_calls_total}).
 */
public final class CheckerSubsystem implements Subsystem, StatusSource, ReloadCoordinator.Target {
    private static final Logger log = LoggerFactory.getLogger(CheckerSubsystem.class);

    private final KeepalivedConfig config;
    private final CountingIpvsDriver driver;
    private volatile HealthChecks checks;
    /** Every script the checkers run (MISC_CHECK, notify_up/down, quorum_up/down); closed at stop. */
    private final ProcessScriptRunner scripts = new ProcessScriptRunner();
    private volatile CheckerStatusAdapter status;
    /** keepalived's -I/--dont-release-ipvs: the table stays in the kernel at stop. */
    private boolean keepTableOnStop;
    /** This host's addresses for ha_suspend: rtnetlink, watched only when a virtual server has ha_suspend. */
    private final LocalAddresses addresses;
    /** lvs_sync_daemon naming no vrrp_instance: master and backup sync daemons both run while the checkers run. */
    private volatile Optional<SyncDaemonFollower> syncDaemons = Optional.empty();
    /** smtp_alert mails for real and virtual servers, when global_defs asks for mails. */
    private Optional<LvsAlerts> alerts = Optional.empty();
    /** Where javalived_announce routes go: the kernel through the jl-announce lifeline (tests: in memory). */
    private Supplier<RouteAnnouncer> announcers = KernelRouteAnnouncer::open;
    /** javalived_announce: the addresses announced to FRR while their virtual servers have quorum. */
    private volatile Optional<AnycastAnnouncer> anycast = Optional.empty();
    private ExecutorService anycastThread;

    CheckerSubsystem(KeepalivedConfig config, IpvsDriver driver) {
        this(config, driver, new NetlinkLocalAddresses());
    }

    CheckerSubsystem(KeepalivedConfig config, IpvsDriver driver, LocalAddresses addresses) {
        this.config = config;
        this.driver = driver instanceof CountingIpvsDriver counting ? counting : new CountingIpvsDriver(driver);
        this.addresses = addresses;
    }

    /** The factory for {@link Daemon}: none with -P or without virtual servers. */
    public static Optional<Subsystem> create(KeepalivedConfig config, DaemonOptions options, Daemon daemon) {
        return create(config, options, daemon, drivers(options.ipvsInMemory()));
    }

    /**
     * The kernel's IPVS over netlink; with {@code --ipvs memory} (or {@code -Djavalived.ipvs=memory}) an
     * in-memory kernel that enforces the same rules (namespace tests on hosts without IPVS; nothing reaches the
     * real kernel). Either is counted the same way once the subsystem has it.
     */
    static Supplier<IpvsDriver> drivers(boolean inMemory) {
        if (inMemory || "memory".equals(System.getProperty("javalived.ipvs"))) {
            return () -> {
                log.warn("--ipvs memory: the IPVS table lives in this process; nothing reaches the kernel");
                return new InMemoryIpvsDriver();
            };
        }
        return NetlinkIpvsDriver::open;
    }

    static Optional<Subsystem> create(KeepalivedConfig config, DaemonOptions options, Daemon daemon, Supplier<IpvsDriver> drivers) {
        return create(config, options, daemon, drivers, new NetlinkLocalAddresses());
    }

    /** As the daemon creates it, with {@code addresses} as this host's addresses (ha_suspend). */
    static Optional<Subsystem> create(KeepalivedConfig config, DaemonOptions options, Daemon daemon, Supplier<IpvsDriver> drivers,
                                      LocalAddresses addresses) {
        if (!options.runsCheckers() || config.virtualServers().isEmpty()) {
            return Optional.empty();
        }
        IpvsDriver driver;
        try {
            driver = drivers.get();
        } catch (IpvsUnavailableException e) {
            log.error("IPVS is not available in this kernel ({}): the {} virtual server(s) are not installed; VRRP keeps running",
                    e.getMessage(), config.virtualServers().size());
            return Optional.empty();
        }
        if (daemon != null) {
            daemon.writePid(options.checkersPidFile());
        }
        CheckerSubsystem subsystem = new CheckerSubsystem(config, driver, addresses);
        subsystem.keepTableOnStop = options.dontReleaseIpvs();
        if (daemon != null) subsystem.alerts = daemon.alerts().map(a -> new LvsAlerts(a, config));
        return Optional.of(subsystem);
    }

    @Override
    public String name() {
        return "Checkers";
    }

    /** Tests: announce into {@code announcers} instead of the kernel. */
    void announceThrough(Supplier<RouteAnnouncer> announcers) {
        this.announcers = announcers;
    }

    @Override
    public void start() {
        startAnycast(config);
        List<HealthEvents> events = new java.util.ArrayList<>();
        alerts.ifPresent(events::add);
        events.add(new HealthEvents() { // the announcer may come with a reload
            @Override
            public void quorumChanged(io.javalived.healthcheck.lvs.VirtualServerPlan vs, boolean up, boolean starting, long w) {
                anycast.ifPresent(a -> a.events().quorumChanged(vs, up, starting, w));
            }
        });
        checks = HealthChecks.start(config, driver, scripts, 1, addresses, HealthEvents.all(events));
        syncAnycast();
        status = CheckerStatusAdapter.of(checks, () -> config);
        if (keepTableOnStop) {
            checks.keepTableOnClose();
        }
        syncDaemons = SyncDaemonSetup.forCheckers(config, driver);
    }

    /**
     * javalived_announce: the announcer when a virtual server asks for it. When the kernel refuses (no TUN device,
     * another javalived in this namespace) nothing is announced, with one error, and the checkers run on.
     */
    private void startAnycast(KeepalivedConfig cfg) {
        if (!AnycastAnnouncer.wanted(cfg) || anycast.isPresent()) {
            return;
        }
        RouteAnnouncer routes;
        try {
            routes = announcers.get();
        } catch (RuntimeException e) {
            log.error("anycast: cannot announce through {} ({}): javalived_announce does nothing, the virtual servers run",
                    KernelRouteAnnouncer.DEVICE, e.getMessage());
            return;
        }
        anycastThread = java.util.concurrent.Executors.newSingleThreadExecutor(
                r -> Thread.ofPlatform().name("anycast").daemon(true).unstarted(r));
        anycast = Optional.of(new AnycastAnnouncer(cfg, routes, anycastThread));
    }

    /** The reconciler's quorum as a whole (after start and each reload) to the announcer. */
    private void syncAnycast() {
        anycast.ifPresent(a -> checks.snapshot(java.time.Duration.ofSeconds(5)).ifPresentOrElse(a::sync,
                () -> log.error("anycast: the checkers did not answer; nothing is announced until a quorum changes")));
    }

    @Override
    public void stop() {
        anycast.ifPresent(AnycastAnnouncer::close);
        if (anycastThread != null) {
            anycastThread.shutdown();
        }
        syncDaemons.ifPresent(SyncDaemonFollower::close);
        if (checks != null) {
            checks.close();
            if (keepTableOnStop) {
                log.info("IPVS table left in place (--dont-release-ipvs)");
            }
        }
        scripts.close();
        driver.close();
    }

    @Override
    public boolean handles(ReloadChange change) {
        return CheckerReload.handles(change)
                || change instanceof ReloadChange.SyncDaemonChanged;
    }

    /** A reload: only the kernel calls of the difference ({@link io.javalived.daemon.reload.CheckerReload}). */
    @Override
    public void apply(KeepalivedConfig next, ReloadPlan plan) {
        if (plan.changes().stream().anyMatch(CheckerReload::handles)) {
            alerts.ifPresent(a -> a.reconfigure(next));
            new CheckerReload(this::checks).apply(next);
            startAnycast(next);
            anycast.ifPresent(a -> a.reconfigure(next));
            syncAnycast();
        }
        if (plan.changes().stream().anyMatch(c -> c instanceof ReloadChange.SyncDaemonChanged)) {
            syncDaemons.ifPresent(SyncDaemonFollower::close);
            syncDaemons = SyncDaemonSetup.forCheckers(next, driver);
        }
    }

    @Override
    public List<SyncDaemonStatus> syncDaemons() {
        return syncDaemons.map(f -> f.kernelDaemons().stream()
                .map(d -> SyncDaemonStatus.of(d, Optional.empty())).toList()).orElse(List.of());
    }

    /** The health checks while running (status output). */
    public Optional<HealthChecks> checks() {
        return Optional.ofNullable(checks);
    }

    /** Every virtual and real server with its checkers' state (empty until started). */
    @Override
    public List<VirtualServerStatus> virtualServers() {
        CheckerStatusAdapter s = status;
        return s == null ? List.of() : s.virtualServers();
    }

    @Override
    public List<LoopStatus> checkerLoops() {
        CheckerStatusAdapter s = status;
        return s == null ? List.of() : s.checkerLoops();
    }

    /** Every IPVS operation with the calls made to the kernel so far and how many it refused (zeros included). */
    @Override
    public List<IpvsCalls> ipvsKernelCalls() {
        return Arrays.stream(IpvsOperation.values())
                .map(op -> new IpvsCalls(op.name().toLowerCase(Locale.ROOT), driver.count(op), driver.failures(op)))
                .toList();
    }
}
