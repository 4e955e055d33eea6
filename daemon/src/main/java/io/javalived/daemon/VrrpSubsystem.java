package io.javalived.daemon;

import io.javalived.parser.model.KeepalivedConfig;
import io.javalived.daemon.syncd.SyncDaemons;
import io.javalived.vrrp.config.AutoPrioritySettings;
import io.javalived.vrrp.config.VrrpConfigMapper;
import io.javalived.vrrp.config.VrrpPlan;
import io.javalived.vrrp.runtime.LinuxPlatform;
import io.javalived.vrrp.runtime.VrrpEngine;
import io.javalived.vrrp.runtime.StaticEntriesKeeper;
import io.javalived.parser.model.StaticEntries;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import io.javalived.daemon.reload.ReloadChange;
import io.javalived.daemon.reload.ReloadCoordinator;
import io.javalived.daemon.reload.ReloadPlan;
import io.javalived.daemon.reload.VrrpReload;
import io.javalived.daemon.status.IpvsCalls;
import io.javalived.daemon.status.StatusSource;
import io.javalived.daemon.status.SyncDaemonStatus;
import io.javalived.vrrp.runtime.InstanceStatus;
import io.javalived.daemon.alert.VrrpAlerts;

/**
 * Runs the configuration's vrrp_instances on the real kernel; writes the VRRP pid file (-r) while it runs. On
 * SIGHUP it applies the VRRP part of a reload plan ({@link io.javalived.daemon.reload.VrrpReload}).
 */
public final class VrrpSubsystem implements Subsystem, ReloadCoordinator.Target,
        StatusSource {
    private static final Logger log = LoggerFactory.getLogger(VrrpSubsystem.class);
    private final LinuxPlatform platform;
    private final VrrpEngine engine;
    private final VrrpReload reload;
    /** lvs_sync_daemon naming one of our instances: the kernel's sync daemons follow its state. */
    private final SyncDaemons syncDaemons;
    /** smtp_alert mails of instances and sync groups, when global_defs asks for mails. */
    private Optional<VrrpAlerts> alerts = Optional.empty();

    /** static_ipaddress, static_routes, static_rules: in place while VRRP runs. */
    private final StaticEntriesKeeper statics;
    private final StaticEntries firstStatics;

    private VrrpSubsystem(LinuxPlatform platform, VrrpEngine engine, VrrpPlan plan, SyncDaemons syncDaemons,
                          KeepalivedConfig config) {
        this.platform = platform;
        this.statics = new StaticEntriesKeeper(platform, config.globalDefs().defaultInterface());
        this.firstStatics = config.statics();
        this.engine = engine;
        this.reload = new VrrpReload(engine, plan, platform::primaryAddress);
        this.syncDaemons = syncDaemons;
    }

    /** The factory for {@link Daemon}: none with -C, or without vrrp_instances and static entries. */
    public static Optional<Subsystem> create(KeepalivedConfig config, DaemonOptions options, Daemon daemon) {
        if (!options.runsVrrp() || (config.vrrpInstances().isEmpty() && config.statics().isEmpty())) return Optional.empty();
        LinuxPlatform platform = new LinuxPlatform(
                VrrpConfigMapper.firewallSettings(config, p -> log.error("{}", p)));
        VrrpPlan plan = VrrpConfigMapper.map(config, platform::primaryAddress);
        plan.problems().forEach(p -> log.error("{}", p));
        if (plan.instances().isEmpty() && config.statics().isEmpty()) {
            platform.close();
            return Optional.empty();
        }
        daemon.writePid(options.vrrpPidFile());
        VrrpEngine engine = new VrrpEngine(platform, plan.instances(), plan.syncGroups(), plan.groupNotifies());
        var auto = AutoPrioritySettings.of(config.globalDefs());
        engine.autoPriority(auto.maxPriority(), auto.minDelay());
        if (options.dontReleaseVrrp()) {
            engine.keepVipsOnStop();
        }
        engine.useNotifyFifos(plan.notifyFifos());
        engine.use(plan.engine());
        SyncDaemons syncDaemons = SyncDaemons.forVrrp(config, CheckerSubsystem.drivers(options.ipvsInMemory()));
        engine.addStateListener(syncDaemons);
        Optional<VrrpAlerts> alerts = daemon == null ? Optional.empty() : daemon.alerts().map(a -> new VrrpAlerts(a, config));
        alerts.ifPresent(engine::addStateListener);
        VrrpSubsystem s = new VrrpSubsystem(platform, engine, plan, syncDaemons, config);
        s.alerts = alerts;
        return Optional.of(s);
    }

    public VrrpEngine engine() {
        return engine;
    }

    @Override
    public String name() {
        return "VRRP";
    }

    @Override
    public void start() {
        statics.install(firstStatics);
        engine.start();
    }

    @Override
    public boolean handles(ReloadChange change) {
        return VrrpReload.handles(change)
                || change instanceof ReloadChange.SyncDaemonChanged
                || change instanceof ReloadChange.StaticEntriesChanged;
    }

    @Override
    public java.util.List<String> refusals(KeepalivedConfig next) {
        return reload.refusals(next);
    }

    @Override
    public void apply(KeepalivedConfig next, ReloadPlan plan) {
        if (plan.changes().stream().anyMatch(c -> c instanceof ReloadChange.StaticEntriesChanged)) {
            statics.reconcile(next.statics());
        }
        if (plan.changes().stream().anyMatch(VrrpReload::handles)) {
            alerts.ifPresent(a -> a.reconfigure(next));
            reload.apply(next, plan);
        }
        var auto = AutoPrioritySettings.of(next.globalDefs());
        engine.autoPriority(auto.maxPriority(), auto.minDelay());
        syncDaemons.reload(next, name -> engine.status().stream().filter(i -> i.name().equals(name))
                .map(InstanceStatus::state).findFirst());
    }

    @Override
    public void beginStop() {
        engine.beginShutdown();
    }

    @Override
    public void stop() {
        engine.close();
        statics.removeAll(); // as keepalived's VRRP process does at stop
        syncDaemons.close();
        platform.close();
    }

    @Override
    public java.util.List<SyncDaemonStatus> syncDaemons() {
        return syncDaemons.status();
    }

    @Override
    public java.util.List<IpvsCalls> ipvsKernelCalls() {
        return syncDaemons.kernelCalls();
    }
}
