package io.javalived.daemon.lvs;

import io.javalived.parser.KeepalivedParser;
import io.javalived.parser.model.CheckerSettings;
import io.javalived.parser.model.RealServer;
import io.javalived.parser.model.ScheduledChecker;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;

/**
 * How long keepalived's rules (reference 3.2) give a real server's check to take it out of IPVS and back in, computed
 * from its settings as javalived parses them, plus {@link #MARGIN}.
 *
 * <p>Out: the check last succeeded at most delay_loop before the server died; from then on a probe can take up to
 * connect_timeout, and the server is down after retry + 1 failed probes spaced by delay_before_retry:
 * delay_loop + (retry + 1) x connect_timeout + retry x delay_before_retry. A server whose port is closed refuses at
 * once, so no connect_timeout is spent: delay_loop + retry x delay_before_retry. Back in: a down check probes every
 * delay_loop and one success brings the server back: delay_loop + connect_timeout.
 *
 * <p>{@link #MARGIN} is what the measurement adds beyond the protocol in the lab VM, about 2 s in all, doubled: the
 * table is read by polling {@code ipvsadm -Ln} every 200 ms, each poll a process start in the emulated guest (qemu
 * TCG, no KVM: 0.3-1 s on the loaded 2-core host), so a change is seen up to about 1.2 s late; the daemon's JVM runs
 * C1-only with SerialGC on two emulated CPUs shared with the host's builds, so its timers, its reconciler thread and its
 * netlink call wake late by tens to hundreds of ms; stopping or starting busybox httpd is itself a signal or a process
 * start in the guest.
 */
record CheckBounds(Duration delayLoop, Duration connectTimeout, int retry, Duration delayBeforeRetry) {

    static final Duration MARGIN = Duration.ofSeconds(4);

    /** The settings of the first scheduled checker of the real server at {@code address} in {@code config}. */
    static CheckBounds of(Path config, String address) throws Exception {
        InetAddress a = InetAddress.getByName(address);
        for (var vs : KeepalivedParser.parse(config).config().virtualServers()) {
            for (RealServer rs : vs.realServers()) {
                if (rs.address().equals(a)) {
                    for (var c : rs.checkers()) {
                        if (c instanceof ScheduledChecker s) {
                            CheckerSettings t = s.settings();
                            return new CheckBounds(t.delayLoop(), t.connectTimeout(), t.retry(), t.delayBeforeRetry());
                        }
                    }
                }
            }
        }
        throw new IllegalArgumentException("no checked real server " + address + " in " + config);
    }

    /** delay_loop + (retry + 1) x connect_timeout + retry x delay_before_retry + margin. */
    Duration removalLimit() {
        return delayLoop.plus(connectTimeout.multipliedBy(retry + 1L)).plus(delayBeforeRetry.multipliedBy(retry)).plus(MARGIN);
    }

    /** The same for a server that refuses at once: delay_loop + retry x delay_before_retry + margin. */
    Duration refusedRemovalLimit() {
        return delayLoop.plus(delayBeforeRetry.multipliedBy(retry)).plus(MARGIN);
    }

    /** delay_loop + connect_timeout + margin. */
    Duration returnLimit() {
        return delayLoop.plus(connectTimeout).plus(MARGIN);
    }
}
