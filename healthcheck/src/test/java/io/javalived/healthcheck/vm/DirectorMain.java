package io.javalived.healthcheck.vm;

import io.javalived.healthcheck.HealthChecks;
import io.javalived.healthcheck.lvs.ProcessScriptRunner;
import io.javalived.ipvs.netlink.NetlinkIpvsDriver;
import io.javalived.parser.KeepalivedParser;
import io.javalived.parser.ParseResult;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * A stand-in for the daemon's checker subsystem in VM proofs: parses a keepalived.conf, runs the
 * health checks against the real kernel (netlink IPVS in the current network namespace) until SIGTERM,
 * then removes what it installed. Prints "director ready" once the starting table is in.
 */
public final class DirectorMain {

    public static void main(String[] args) throws Exception {
        ParseResult parsed = KeepalivedParser.parse(Path.of(args[0]));
        parsed.diagnostics().forEach(d -> System.out.println("config: " + d));
        NetlinkIpvsDriver driver = NetlinkIpvsDriver.open();
        HealthChecks checks = HealthChecks.start(parsed.config(), driver, new ProcessScriptRunner(), 1);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            checks.close();
            driver.close();
            System.out.println("director stopped");
            System.out.flush();
            stopped.countDown();
        }));
        System.out.println("director ready");
        System.out.flush();
        stopped.await();
    }
}
