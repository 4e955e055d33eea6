package io.javalived.daemon.syncd;

import io.javalived.daemon.status.IpvsCalls;
import io.javalived.daemon.status.SyncDaemonStatus;
import io.javalived.ipvs.CountingIpvsDriver;
import io.javalived.ipvs.IpvsDriver;
import io.javalived.ipvs.IpvsOperation;
import io.javalived.ipvs.SyncDaemon;
import io.javalived.parser.model.KeepalivedConfig;
import io.javalived.vrrp.runtime.StateListener;
import io.javalived.vrrp.state.VrrpState;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import io.javalived.ipvs.SyncState;

/**
 * The VRRP side's {@code lvs_sync_daemon}: the current {@link SyncDaemonFollower} (none when the line names no
 * instance, or cannot run), the IPVS driver it calls (opened on first need, counted for {@code /metrics}), and a
 * reload that replaces the follower only when the line's meaning changed, so that nothing else moves.
 */
public final class SyncDaemons implements StateListener, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(SyncDaemons.class);

    private final Supplier<IpvsDriver> drivers;
    private CountingIpvsDriver driver;
    private volatile SyncDaemonFollower follower;

    private SyncDaemons(Supplier<IpvsDriver> drivers) {
        this.drivers = drivers;
    }

    /** For the VRRP subsystem's configuration; {@code drivers} opens the kernel's IPVS when first needed. */
    public static SyncDaemons forVrrp(KeepalivedConfig config, Supplier<IpvsDriver> drivers) {
        SyncDaemons s = new SyncDaemons(drivers);
        s.follower = SyncDaemonSetup.forVrrp(config, s::driver).orElse(null);
        return s;
    }

    private synchronized IpvsDriver driver() {
        if (driver == null) {
            driver = new CountingIpvsDriver(drivers.get());
        }
        return driver;
    }

    @Override
    public void stateChanged(String instance, VrrpState from, VrrpState to) {
        SyncDaemonFollower f = follower;
        if (f != null) {
            f.stateChanged(instance, from, to);
        }
    }

    /**
     * A reload: when the line's meaning changed (interface, instance, sync id, maxlen, group, port, TTL; not its line
     * number), the old daemons stop and the new ones start in the followed instance's current state
     * ({@code states}); otherwise nothing happens.
     */
    public synchronized void reload(KeepalivedConfig next, Function<String, Optional<VrrpState>> states) {
        SyncDaemonFollower old = follower;
        Optional<SyncDaemonFollower> fresh = SyncDaemonSetup.forVrrp(next, this::driver);
        if (Objects.equals(meaning(old), fresh.map(SyncDaemons::meaning).orElse(null))) {
            fresh.ifPresent(SyncDaemonFollower::discard);
            return;
        }
        log.info("lvs_sync_daemon changed by reload: the sync daemons restart");
        if (old != null) {
            old.close();
        }
        follower = fresh.orElse(null);
        fresh.ifPresent(f -> f.instance().flatMap(states).ifPresent(s -> f.stateChanged(f.instance().get(), s, s)));
    }

    /** What a follower runs, without the line's location. */
    private static List<Object> meaning(SyncDaemonFollower f) {
        if (f == null) {
            return null;
        }
        SyncDaemon d = f.wanted(SyncState.BACKUP);
        return List.of(f.instance(), d);
    }

    /** The sync daemons the kernel runs, as the follower's driver lists them (empty without a follower). */
    public List<SyncDaemonStatus> status() {
        SyncDaemonFollower f = follower;
        if (f == null) {
            return List.of();
        }
        return f.kernelDaemons().stream().map(d -> SyncDaemonStatus.of(d, f.instance())).toList();
    }

    /** The driver's calls per operation (none before it was opened). */
    public synchronized List<IpvsCalls> kernelCalls() {
        if (driver == null) {
            return List.of();
        }
        return Arrays.stream(IpvsOperation.values())
                .map(op -> new IpvsCalls(op.name().toLowerCase(Locale.ROOT), driver.count(op), driver.failures(op)))
                .toList();
    }

    /** Stops the daemons and closes the driver. */
    @Override
    public synchronized void close() {
        if (follower != null) {
            follower.close();
            follower = null;
        }
        if (driver != null) {
            driver.close();
        }
    }
}
