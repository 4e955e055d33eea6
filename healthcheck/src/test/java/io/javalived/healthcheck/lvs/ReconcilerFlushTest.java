package io.javalived.healthcheck.lvs;

import static io.javalived.healthcheck.lvs.ReconcilerTest.SERVICE;
import static io.javalived.healthcheck.lvs.ReconcilerTest.VIP;
import static io.javalived.healthcheck.lvs.ReconcilerTest.ip;
import static io.javalived.healthcheck.lvs.ReconcilerTest.rs;
import static io.javalived.healthcheck.lvs.ReconcilerTest.tcp;
import static io.javalived.healthcheck.lvs.ReconcilerTest.vs;
import static org.assertj.core.api.Assertions.assertThat;

import io.javalived.healthcheck.schedule.SharedChecks;
import io.javalived.healthcheck.schedule.VirtualScheduler;
import io.javalived.ipvs.Destination;
import io.javalived.ipvs.ForwardingMethod;
import io.javalived.ipvs.ServiceKey;
import io.javalived.ipvs.VirtualService;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import io.javalived.ipvs.Protocol;
import io.javalived.scripts.InMemoryScriptRunner;

/**
 * lvs_flush and lvs_flush_on_stop [VS] (global_defs) against the in-memory kernel, whose rules are the real kernel's
 * (ipvs-driver's contract suite runs on both): what is in the table before start and after stop, and which calls
 * made it so.
 */
class ReconcilerFlushTest {

    static final ServiceKey FOREIGN = new ServiceKey.Address(Protocol.TCP, ip("10.0.0.50"), 443);

    final VirtualScheduler clock = new VirtualScheduler();
    final SharedChecks checks = new SharedChecks(new ControlledProber(), clock, new SplittableRandom(1));
    final RecordingDriver driver = new RecordingDriver();

    Reconciler start(boolean flushAtStart, Reconciler.OnStop onStop) {
        Reconciler r = new Reconciler(List.of(vs(1, 0, Optional.empty(), false,
                rs("10.0.0.7", 1, false, tcp("10.0.0.7", false)), rs("10.0.0.8", 1, false, tcp("10.0.0.8", false)))),
                Optional.empty(), new Reconciler.Options(flushAtStart, onStop, LocalAddresses.NONE), driver, checks,
                new InMemoryScriptRunner(), clock);
        r.start().join();
        clock.advance(Duration.ofSeconds(2));
        return r;
    }

    /** Someone else's service with a real server, as another tool or an earlier run would leave it. */
    void foreignService() {
        driver.kernel.addService(VirtualService.of(FOREIGN, "rr"));
        driver.kernel.addDestination(FOREIGN, Destination.of(ip("10.0.0.60"), 443, ForwardingMethod.MASQ, 1));
    }

    @Test
    void lvsFlushEmptiesTheTableBeforeInstallingOursAndWithoutItOthersStay() {
        foreignService();
        start(true, Reconciler.OnStop.DELETE_INSTALLED);
        assertThat(driver.takeCalls()).startsWith("FLUSH ").contains("ADD_SERVICE TCP 10.0.0.3:80");
        assertThat(driver.kernel.service(FOREIGN)).as("left over from before: flushed").isEmpty();
        assertThat(driver.kernel.service(VIP).orElseThrow().service()).isEqualTo(SERVICE);
        assertThat(driver.kernel.destinations(VIP)).hasSize(2);
    }

    @Test
    void withoutLvsFlushSomeoneElsesServiceStaysAtStart() {
        foreignService();
        start(false, Reconciler.OnStop.DELETE_INSTALLED);
        assertThat(driver.takeCalls()).noneMatch(c -> c.startsWith("FLUSH"));
        assertThat(driver.kernel.service(FOREIGN)).isPresent();
    }

    @Test
    void aReloadDoesNotFlush() {
        Reconciler r = start(true, Reconciler.OnStop.DELETE_INSTALLED);
        foreignService();
        driver.takeCalls();
        r.reload(List.of(vs(1, 0, Optional.empty(), false, rs("10.0.0.7", 1, false, tcp("10.0.0.7", false)))),
                Optional.empty()).join();
        assertThat(driver.takeCalls()).containsExactly("DELETE_DESTINATION 10.0.0.8:80");
        assertThat(driver.kernel.service(FOREIGN)).isPresent();
    }

    /** Also what lvs_flush_on_stop VS asks for: the services only, their real servers go with them. */
    @Test
    void byDefaultStopDeletesEachServiceItCreatedInOneCallAndLeavesOthersAlone() {
        Reconciler r = start(false, Reconciler.OnStop.DELETE_INSTALLED);
        foreignService();
        driver.takeCalls();
        r.stop().join();
        assertThat(driver.takeCalls()).containsExactly("DELETE_SERVICE TCP 10.0.0.3:80");
        assertThat(driver.kernel.service(VIP)).isEmpty();
        assertThat(driver.kernel.service(FOREIGN)).isPresent();
        assertThat(driver.kernel.destinations(FOREIGN)).hasSize(1);
    }

    @Test
    void lvsFlushOnStopFlushesTheWholeTableInOneCallOthersIncluded() {
        Reconciler r = start(false, Reconciler.OnStop.FLUSH);
        foreignService();
        driver.takeCalls();
        r.stop().join();
        assertThat(driver.takeCalls()).containsExactly("FLUSH ");
        assertThat(driver.kernel.services()).isEmpty();
    }

    @Test
    void dontReleaseIpvsWinsOverLvsFlushOnStop() {
        Reconciler r = start(false, Reconciler.OnStop.FLUSH);
        driver.takeCalls();
        r.stop(false).join();
        assertThat(driver.takeCalls()).isEmpty();
        assertThat(driver.kernel.service(VIP)).isPresent();
    }
}
