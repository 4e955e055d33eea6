package io.javalived.ipvs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.javalived.ipvs.memory.InMemoryIpvsDriver;
import io.javalived.net.ffm.Errno;
import java.net.InetAddress;
import org.junit.jupiter.api.Test;

/** The counting decorator over the in-memory kernel: what it counts, what it records, what it lets through. */
class CountingIpvsDriverTest {
    final InMemoryIpvsDriver kernel = new InMemoryIpvsDriver();
    final CountingIpvsDriver driver = new CountingIpvsDriver(kernel);
    final ServiceKey web = ServiceKey.tcp(ip("10.0.0.3"), 80);

    static InetAddress ip(String s) {
        try {
            return InetAddress.getByName(s);
        } catch (java.net.UnknownHostException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void countsEveryCallByOperationReadsIncluded() {
        driver.addService(VirtualService.of(web, "wrr"));
        driver.addDestination(web, Destination.of(ip("10.0.0.7"), 80, ForwardingMethod.ROUTE, 1));
        driver.addDestination(web, Destination.of(ip("10.0.0.8"), 80, ForwardingMethod.ROUTE, 1));
        driver.editDestination(web, Destination.of(ip("10.0.0.7"), 80, ForwardingMethod.ROUTE, 3));
        driver.deleteDestination(web, ip("10.0.0.8"), 80);
        driver.services();
        driver.destinations(web);

        assertThat(driver.count(IpvsOperation.ADD_SERVICE)).isEqualTo(1);
        assertThat(driver.count(IpvsOperation.ADD_DESTINATION)).isEqualTo(2);
        assertThat(driver.count(IpvsOperation.EDIT_DESTINATION)).isEqualTo(1);
        assertThat(driver.count(IpvsOperation.DELETE_DESTINATION)).isEqualTo(1);
        assertThat(driver.count(IpvsOperation.LIST_SERVICES)).isEqualTo(1);
        assertThat(driver.count(IpvsOperation.LIST_DESTINATIONS)).isEqualTo(1);
        assertThat(driver.count(IpvsOperation.EDIT_SERVICE)).isZero();
        assertThat(driver.total()).isEqualTo(7);
        assertThat(driver.changes()).containsExactly(
                "ADD_SERVICE TCP 10.0.0.3:80 wrr",
                "ADD_DESTINATION 10.0.0.7:80 w1 to TCP 10.0.0.3:80",
                "ADD_DESTINATION 10.0.0.8:80 w1 to TCP 10.0.0.3:80",
                "EDIT_DESTINATION 10.0.0.7:80 w3 in TCP 10.0.0.3:80",
                "DELETE_DESTINATION 10.0.0.8:80 from TCP 10.0.0.3:80");
        for (IpvsOperation op : IpvsOperation.values()) {
            assertThat(driver.failures(op)).as(op.name()).isZero();
        }
        // the calls really reached the kernel underneath
        assertThat(kernel.destinations(web)).singleElement()
                .satisfies(d -> assertThat(d.destination().weight()).isEqualTo(3));
    }

    @Test
    void aRefusedCallIsCountedAsCallAndFailureAndItsErrorGoesToTheCaller() {
        driver.addService(VirtualService.of(web, "wrr"));
        assertThatThrownBy(() -> driver.addService(VirtualService.of(web, "wrr")))
                .isInstanceOfSatisfying(IpvsException.class, e -> assertThat(e.is(Errno.EEXIST)).isTrue());
        assertThatThrownBy(() -> driver.deleteDestination(web, ip("10.0.0.9"), 80))
                .isInstanceOfSatisfying(IpvsException.class, e -> assertThat(e.is(Errno.ENOENT)).isTrue());

        assertThat(driver.count(IpvsOperation.ADD_SERVICE)).isEqualTo(2);
        assertThat(driver.failures(IpvsOperation.ADD_SERVICE)).isEqualTo(1);
        assertThat(driver.count(IpvsOperation.DELETE_DESTINATION)).isEqualTo(1);
        assertThat(driver.failures(IpvsOperation.DELETE_DESTINATION)).isEqualTo(1);
        assertThat(kernel.services()).hasSize(1);
    }

    @Test
    void syncDaemonCallsAreCountedAndTheChangesKeptAsText() {
        driver.startDaemon(SyncDaemon.of(SyncState.BACKUP, "lo", 5).withPort(9000));
        assertThatThrownBy(() -> driver.startDaemon(SyncDaemon.of(SyncState.BACKUP, "lo", 5)))
                .isInstanceOfSatisfying(IpvsException.class, e -> assertThat(e.getMessage())
                        .isEqualTo("start sync daemon backup on lo syncid 5: Daemon has already run (EEXIST)"));
        assertThat(driver.daemons()).hasSize(1);
        driver.stopDaemon(SyncState.BACKUP);

        assertThat(driver.count(IpvsOperation.START_DAEMON)).isEqualTo(2);
        assertThat(driver.failures(IpvsOperation.START_DAEMON)).isEqualTo(1);
        assertThat(driver.count(IpvsOperation.LIST_DAEMONS)).isEqualTo(1);
        assertThat(driver.count(IpvsOperation.STOP_DAEMON)).isEqualTo(1);
        assertThat(driver.changes()).containsExactly("START_DAEMON backup on lo syncid 5 port 9000",
                "START_DAEMON backup on lo syncid 5", "STOP_DAEMON backup");
        assertThat(kernel.daemons()).isEmpty();
    }
}
