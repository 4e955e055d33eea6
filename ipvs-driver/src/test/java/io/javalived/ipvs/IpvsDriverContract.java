package io.javalived.ipvs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.javalived.net.ffm.Errno;
import java.net.InetAddress;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The behaviour every {@link IpvsDriver} must share, written against the real kernel's rules. Runs
 * against the in-memory kernel on any host and against the netlink driver inside the VM.
 */
public abstract class IpvsDriverContract {
    protected IpvsDriver driver;

    /** A driver on an empty table (the subclass flushes a real kernel first). */
    protected abstract IpvsDriver openDriver();

    /**
     * An interface that exists on every kernel the contract runs on (the in-memory kernel has it too),
     * with its MTU: a backup's default maximum length comes from it.
     */
    protected static final String LOOPBACK = "lo";
    protected static final int LOOPBACK_MTU = 65536;
    /**
     * An interface with multicast and MTU 1500 that the subclass provides (a veth pair on the real kernel,
     * {@code addInterface} on the in-memory one): on the real kernel a master with an IPv6 group needs a
     * multicast route out of its interface, which {@code lo} has not (ENETUNREACH).
     */
    protected static final String MULTICAST_IF = "jlsyncc0";
    protected static final int MULTICAST_IF_MTU = 1500;

    @BeforeEach
    void openAndFlush() {
        driver = openDriver();
        driver.flush();
        stopDaemons();
    }

    @AfterEach
    void flushAndClose() {
        if (driver != null) {
            try {
                driver.flush();
                driver.setTimeouts(Timeouts.DEFAULT);
                stopDaemons();
            } finally {
                driver.close();
            }
        }
    }

    /**
     * Whether this driver's kernel runs the sync-daemon cases. The real kernel's are proven by IpvsadmConformanceTest's
     * daemon scenarios instead (javalived's ipvsadm over the netlink driver, beside ipvsadm 1.31, in the VM): there the
     * 6.1 guest's DEL_DAEMON of a daemon on lo left the request unanswered for over 60 s in 2 of 3 runs under load,
     * and every later case failed behind it (issue 17).
     */
    /** How many cases call {@link #assumeSyncDaemonsHere()} (the ones a driver without them skips). */
    public static final int SYNC_DAEMON_CASES = 13;

    protected boolean syncDaemonCasesHere() {
        return true;
    }

    private void assumeSyncDaemonsHere() {
        org.junit.jupiter.api.Assumptions.assumeTrue(syncDaemonCasesHere(), "sync daemons on the real kernel: see "
                + "IpvsadmConformanceTest's daemon scenarios (DEL_DAEMON on lo hung in the VM under load, issue 17)");
    }

    private void stopDaemons() {
        for (SyncDaemon d : driver.daemons()) {
            driver.stopDaemon(d.state());
        }
    }

    protected static InetAddress ip(String s) {
        return Addresses.parseNumeric(s);
    }

    static final ServiceKey WEB = ServiceKey.tcp(ip("10.0.0.3"), 80);
    static final ServiceKey WEB6 = ServiceKey.tcp(ip("2001:db8::3"), 443);
    static final ServiceKey DNS = ServiceKey.udp(ip("10.0.0.3"), 53);
    static final ServiceKey MARK1 = ServiceKey.fwmark(1, AddressFamily.INET);

    static void assertErrno(ThrowingCallable call, Errno errno, String reason) {
        assertThatThrownBy(call).isInstanceOf(IpvsException.class)
                .satisfies(e -> assertThat(((IpvsException) e).is(errno)).as("errno of %s", e.getMessage()).isTrue())
                .hasMessageContaining(reason)
                .hasMessageContaining("(" + errno.name() + ")");
    }

    private Set<VirtualService> configured() {
        return Set.copyOf(driver.services().stream().map(ServiceEntry::service).toList());
    }

    private List<Destination> dests(ServiceKey key) {
        return driver.destinations(key).stream().map(DestinationEntry::destination).toList();
    }

    @Test
    void infoNamesAVersionAndATableSize() {
        IpvsInfo info = driver.info();
        assertThat(info.version()).isGreaterThanOrEqualTo(0x010200);
        assertThat(info.versionString()).matches("1\\.2\\.\\d+");
        assertThat(info.connectionTableSize()).isPositive();
    }

    @Test
    void timeoutsSetAndZeroKeepsTheCurrentValue() {
        driver.setTimeouts(new Timeouts(1000, 0, 0));
        Timeouts before = driver.timeouts();
        assertThat(before.tcp()).isEqualTo(1000);
        driver.setTimeouts(new Timeouts(0, 30, 40));
        assertThat(driver.timeouts()).isEqualTo(new Timeouts(1000, 30, 40));
    }

    @Test
    void aFlushedTableIsEmpty() {
        assertThat(driver.services()).isEmpty();
    }

    @Test
    void addedServicesAreListedWithTheirSettingsAndZeroCounters() {
        VirtualService web = VirtualService.of(WEB, "wlc");
        VirtualService dns = VirtualService.of(DNS, "rr").withFlags(Set.of(ServiceFlag.ONE_PACKET));
        VirtualService mark = VirtualService.of(MARK1, "wrr").withPersistence(300, 0xffffff00);
        VirtualService web6 = VirtualService.of(WEB6, "sh").withFlags(EnumSet.of(ServiceFlag.SCHED1, ServiceFlag.SCHED2))
                .withPersistence(600, 64);
        for (VirtualService s : List.of(web, dns, mark, web6)) {
            driver.addService(s);
        }
        assertThat(configured()).containsExactlyInAnyOrder(web, dns, mark, web6);
        assertThat(driver.service(WEB)).hasValueSatisfying(e -> {
            assertThat(e.service()).isEqualTo(web);
            assertThat(e.stats().connections()).isZero();
            assertThat(e.stats32().connections()).isZero();
        });
        assertThat(driver.service(ServiceKey.tcp(ip("10.0.0.4"), 80))).isEmpty();
    }

    @Test
    void aDuplicateServiceIsEexistEvenWithAnUnknownScheduler() {
        driver.addService(VirtualService.of(WEB, "rr"));
        assertErrno(() -> driver.addService(VirtualService.of(WEB, "wlc")), Errno.EEXIST, "Service already exists");
        assertErrno(() -> driver.addService(VirtualService.of(WEB, "nosuchsched")), Errno.EEXIST, "Service already exists");
    }

    @Test
    void anUnknownSchedulerIsEnoent() {
        assertErrno(() -> driver.addService(VirtualService.of(WEB, "nosuchsched")), Errno.ENOENT,
                "Scheduler or persistence engine not found");
        assertThat(driver.services()).isEmpty();
        driver.addService(VirtualService.of(WEB, "rr"));
        assertErrno(() -> driver.editService(VirtualService.of(WEB, "nosuchsched")), Errno.ENOENT,
                "Scheduler or persistence engine not found");
        assertThat(driver.service(WEB).orElseThrow().service().scheduler()).isEqualTo("rr");
    }

    @Test
    void missingServicesAreEsrch() {
        assertErrno(() -> driver.editService(VirtualService.of(WEB, "rr")), Errno.ESRCH, "No such service");
        assertErrno(() -> driver.deleteService(WEB), Errno.ESRCH, "No such service");
        assertErrno(() -> driver.zero(WEB), Errno.ESRCH, "No such service");
        assertErrno(() -> driver.destinations(WEB), Errno.ESRCH, "No such service");
        assertErrno(() -> driver.addDestination(WEB, Destination.of(ip("10.0.0.7"), 80, ForwardingMethod.MASQ, 1)),
                Errno.ESRCH, "Service not defined");
        assertErrno(() -> driver.deleteDestination(WEB, ip("10.0.0.7"), 80), Errno.ESRCH, "Service not defined");
    }

    @Test
    void identityIsProtocolAddressPortOrFwmarkAndFamily() {
        driver.addService(VirtualService.of(ServiceKey.tcp(ip("10.0.0.3"), 80), "rr"));
        driver.addService(VirtualService.of(ServiceKey.udp(ip("10.0.0.3"), 80), "rr"));
        driver.addService(VirtualService.of(ServiceKey.tcp(ip("10.0.0.3"), 81), "rr"));
        driver.addService(VirtualService.of(new ServiceKey.Address(Protocol.SCTP, ip("10.0.0.3"), 80), "rr"));
        driver.addService(VirtualService.of(ServiceKey.fwmark(80, AddressFamily.INET), "rr"));
        driver.addService(VirtualService.of(ServiceKey.fwmark(80, AddressFamily.INET6), "rr"));
        driver.addService(VirtualService.of(ServiceKey.fwmark(0xfffffff0, AddressFamily.INET), "rr"));
        assertThat(driver.services()).hasSize(7);
        assertErrno(() -> driver.addService(VirtualService.of(ServiceKey.fwmark(80, AddressFamily.INET6), "wlc")),
                Errno.EEXIST, "Service already exists");
        driver.deleteService(ServiceKey.fwmark(80, AddressFamily.INET));
        assertThat(driver.service(ServiceKey.fwmark(80, AddressFamily.INET6))).isPresent();
        assertThat(driver.service(ServiceKey.fwmark(0xfffffff0, AddressFamily.INET))).isPresent();
        assertThat(driver.services()).hasSize(6);
    }

    @Test
    void editReplacesSchedulerFlagsAndPersistence() {
        driver.addService(VirtualService.of(WEB, "rr").withPersistence(300, 0xffffff00));
        VirtualService edited = VirtualService.of(WEB, "sh").withFlags(Set.of(ServiceFlag.SCHED1));
        driver.editService(edited);
        assertThat(driver.service(WEB).orElseThrow().service()).isEqualTo(edited);
        VirtualService persistent = edited.withPersistence(3600, 0xffff0000);
        driver.editService(persistent);
        assertThat(driver.service(WEB).orElseThrow().service()).isEqualTo(persistent);
        assertThat(driver.service(WEB).orElseThrow().service().flagBits() & ServiceFlag.PERSISTENT.bit()).isNotZero();
    }

    @Test
    void anIpv6PersistencePrefixMustBeOneTo128() {
        assertErrno(() -> driver.addService(VirtualService.of(WEB6, "rr").withPersistence(300, 0)), Errno.EINVAL, "Invalid");
        assertErrno(() -> driver.addService(VirtualService.of(WEB6, "rr").withPersistence(300, 129)), Errno.EINVAL, "Invalid");
        driver.addService(VirtualService.of(WEB6, "rr").withPersistence(300, 1));
        assertThat(driver.service(WEB6).orElseThrow().service().netmask()).isEqualTo(1);
    }

    @Test
    void destinationsOfEveryForwardingMethodAreListedNewestFirst() {
        driver.addService(VirtualService.of(WEB, "wrr"));
        Destination nat = new Destination(ip("10.0.0.7"), 8080, ForwardingMethod.MASQ, 3, 1000, 10, null);
        Destination dr = Destination.of(ip("10.0.0.8"), 80, ForwardingMethod.ROUTE, 1);
        Destination tun = Destination.of(ip("10.0.0.9"), 80, ForwardingMethod.TUNNEL, 0);
        driver.addDestination(WEB, nat);
        driver.addDestination(WEB, dr);
        driver.addDestination(WEB, tun);
        assertThat(dests(WEB)).containsExactly(tun, dr, nat);
        assertThat(driver.destinations(WEB)).allSatisfy(d -> {
            assertThat(d.activeConnections()).isZero();
            assertThat(d.stats().connections()).isZero();
        });
    }

    @Test
    void directRoutingAndTunnelDestinationsTakeTheServicePort() {
        driver.addService(VirtualService.of(WEB, "rr"));
        driver.addDestination(WEB, Destination.of(ip("10.0.0.8"), 8080, ForwardingMethod.ROUTE, 1));
        driver.addDestination(WEB, Destination.of(ip("10.0.0.9"), 8081, ForwardingMethod.TUNNEL, 1));
        driver.addDestination(WEB, Destination.of(ip("10.0.0.7"), 8082, ForwardingMethod.MASQ, 1));
        assertThat(dests(WEB)).extracting(Destination::port).containsExactly(8082, 80, 80);
    }

    @Test
    void fwmarkServiceDestinationsKeepTheirPort() {
        driver.addService(VirtualService.of(MARK1, "rr"));
        driver.addDestination(MARK1, Destination.of(ip("10.0.0.8"), 0, ForwardingMethod.ROUTE, 1));
        driver.addDestination(MARK1, Destination.of(ip("10.0.0.7"), 8080, ForwardingMethod.MASQ, 1));
        assertThat(dests(MARK1)).extracting(Destination::port).containsExactly(8080, 0);
    }

    @Test
    void duplicateAndMissingDestinations() {
        driver.addService(VirtualService.of(WEB, "rr"));
        Destination d = Destination.of(ip("10.0.0.7"), 80, ForwardingMethod.MASQ, 1);
        driver.addDestination(WEB, d);
        assertErrno(() -> driver.addDestination(WEB, d.withWeight(5)), Errno.EEXIST, "Destination already exists");
        assertErrno(() -> driver.editDestination(WEB, d.withPort(81)), Errno.ENOENT, "No such destination");
        assertErrno(() -> driver.deleteDestination(WEB, ip("10.0.0.8"), 80), Errno.ENOENT, "No such destination");
        // the same address on another port is another destination
        driver.addDestination(WEB, d.withPort(81));
        assertThat(dests(WEB)).hasSize(2);
        driver.deleteDestination(WEB, ip("10.0.0.7"), 80);
        assertThat(dests(WEB)).containsExactly(d.withPort(81));
    }

    @Test
    void editChangesWeightForwardingAndThresholds() {
        driver.addService(VirtualService.of(WEB, "wlc"));
        Destination d = Destination.of(ip("10.0.0.7"), 80, ForwardingMethod.MASQ, 1);
        driver.addDestination(WEB, d);
        Destination edited = d.withWeight(0).withThresholds(500, 100).withForwarding(ForwardingMethod.ROUTE);
        driver.editDestination(WEB, edited);
        assertThat(dests(WEB)).containsExactly(edited);
        driver.editDestination(WEB, edited.withWeight(Integer.MAX_VALUE));
        assertThat(dests(WEB).getFirst().weight()).isEqualTo(Integer.MAX_VALUE);
    }

    @Test
    void negativeWeightAndInvertedThresholdsAreErange() {
        driver.addService(VirtualService.of(WEB, "wlc"));
        Destination d = Destination.of(ip("10.0.0.7"), 80, ForwardingMethod.MASQ, 1);
        assertErrno(() -> driver.addDestination(WEB, d.withWeight(-1)), Errno.ERANGE, "Numerical result out of range");
        assertErrno(() -> driver.addDestination(WEB, d.withThresholds(10, 20)), Errno.ERANGE, "out of range");
        assertErrno(() -> driver.addDestination(WEB, d.withThresholds(0, 20)), Errno.ERANGE, "out of range");
        driver.addDestination(WEB, d);
        assertErrno(() -> driver.editDestination(WEB, d.withWeight(-5)), Errno.ERANGE, "out of range");
        assertThat(dests(WEB)).containsExactly(d);
    }

    @Test
    void mixedFamiliesOnlyThroughATunnel() {
        driver.addService(VirtualService.of(WEB6, "rr"));
        assertErrno(() -> driver.addDestination(WEB6, Destination.of(ip("10.0.0.7"), 443, ForwardingMethod.MASQ, 1)),
                Errno.EINVAL, "Invalid operation");
        Destination tun4 = Destination.of(ip("10.0.0.7"), 443, ForwardingMethod.TUNNEL, 1);
        driver.addDestination(WEB6, tun4);
        Destination v6 = Destination.of(ip("2001:db8::7"), 443, ForwardingMethod.MASQ, 2);
        driver.addDestination(WEB6, v6);
        assertThat(dests(WEB6)).containsExactly(v6, tun4);
    }

    @Test
    void realServersMustHaveUnicastAddresses() {
        driver.addService(VirtualService.of(WEB, "rr"));
        driver.addService(VirtualService.of(WEB6, "rr"));
        for (String bad : List.of("224.0.0.1", "255.255.255.255", "0.0.0.0")) {
            assertErrno(() -> driver.addDestination(WEB, Destination.of(ip(bad), 80, ForwardingMethod.MASQ, 1)),
                    Errno.EINVAL, "Invalid operation");
        }
        for (String bad : List.of("ff02::1", "fe80::1:2:3:4", "::")) {
            assertErrno(() -> driver.addDestination(WEB6, Destination.of(ip(bad), 443, ForwardingMethod.MASQ, 1)),
                    Errno.EINVAL, "Invalid operation");
        }
        assertThat(driver.destinations(WEB)).isEmpty();
        assertThat(driver.destinations(WEB6)).isEmpty();
    }

    @Test
    void aMasqueradedDestinationOnALocalAddressIsListedAsMasq() {
        // kernels before 2.6.37 reported such a real server as LOCAL; today's keep the configured method
        driver.addService(VirtualService.of(WEB, "rr"));
        driver.addDestination(WEB, Destination.of(ip("127.0.0.1"), 8080, ForwardingMethod.MASQ, 1));
        assertThat(dests(WEB)).extracting(Destination::forwarding).containsExactly(ForwardingMethod.MASQ);
    }

    @Test
    void tunnelTypesPortsAndChecksumFlags() {
        driver.addService(VirtualService.of(WEB, "rr"));
        Destination gue = Destination.of(ip("10.0.0.7"), 80, ForwardingMethod.TUNNEL, 1)
                .withTunnel(new Tunnel(TunnelType.GUE, 6080, Tunnel.REMCSUM));
        Destination gre = Destination.of(ip("10.0.0.8"), 80, ForwardingMethod.TUNNEL, 1)
                .withTunnel(new Tunnel(TunnelType.GRE, 0, Tunnel.CSUM));
        driver.addDestination(WEB, gue);
        driver.addDestination(WEB, gre);
        assertThat(dests(WEB)).containsExactly(gre, gue);
        assertErrno(() -> driver.addDestination(WEB, Destination.of(ip("10.0.0.9"), 80, ForwardingMethod.TUNNEL, 1)
                .withTunnel(new Tunnel(TunnelType.GUE, 0, Tunnel.NOCSUM))), Errno.EINVAL, "Invalid operation");
    }

    @Test
    void deletingAServiceTakesItsDestinationsAndFlushTakesAll() {
        driver.addService(VirtualService.of(WEB, "rr"));
        driver.addService(VirtualService.of(MARK1, "rr"));
        driver.addDestination(WEB, Destination.of(ip("10.0.0.7"), 80, ForwardingMethod.MASQ, 1));
        driver.deleteService(WEB);
        assertThat(driver.service(WEB)).isEmpty();
        driver.addService(VirtualService.of(WEB, "rr"));
        assertThat(driver.destinations(WEB)).isEmpty();
        driver.flush();
        assertThat(driver.services()).isEmpty();
    }

    @Test
    void zeroingKeepsTheTable() {
        driver.addService(VirtualService.of(WEB, "rr"));
        driver.addDestination(WEB, Destination.of(ip("10.0.0.7"), 80, ForwardingMethod.MASQ, 1));
        driver.zero();
        driver.zero(WEB);
        assertThat(driver.service(WEB).orElseThrow().stats()).isEqualTo(Stats.ZERO);
        assertThat(dests(WEB)).hasSize(1);
    }

    // ---------------------------------------------------------------- connection sync daemons

    static final InetAddress DEFAULT_GROUP = ip("224.0.0.81");

    @Test
    void noSyncDaemonRunsAtFirst() {
        assumeSyncDaemonsHere();
        assertThat(driver.daemons()).isEmpty();
    }

    @Test
    void aMasterTakesTheKernelsDefaults() {
        assumeSyncDaemonsHere();
        driver.startDaemon(SyncDaemon.of(SyncState.MASTER, LOOPBACK, 0));
        // a master sends at most 1500 - 20 (IP) - 8 (UDP) bytes whatever the interface's MTU
        assertThat(driver.daemons()).containsExactly(
                new SyncDaemon(SyncState.MASTER, LOOPBACK, 0, 1472, DEFAULT_GROUP, 8848, 1));
    }

    @Test
    void aBackupsDefaultLengthComesFromTheInterfacesMtu() {
        assumeSyncDaemonsHere();
        driver.startDaemon(SyncDaemon.of(SyncState.BACKUP, LOOPBACK, 9));
        int mtu = Math.min(LOOPBACK_MTU, 65535);
        assertThat(driver.daemons()).containsExactly(
                new SyncDaemon(SyncState.BACKUP, LOOPBACK, 9, mtu - 28, DEFAULT_GROUP, 8848, 1));
    }

    @Test
    void everyAttributeIsKeptAsGiven() {
        assumeSyncDaemonsHere();
        SyncDaemon backup = new SyncDaemon(SyncState.BACKUP, LOOPBACK, 300, 2000, ip("239.1.2.3"), 9000, 5);
        driver.startDaemon(backup);
        assertThat(driver.daemons()).containsExactly(backup);
    }

    @Test
    void anIpv6GroupTakesIpv6HeadersOffTheLength() {
        assumeSyncDaemonsHere();
        driver.startDaemon(SyncDaemon.of(SyncState.MASTER, MULTICAST_IF, 1).withGroup(ip("ff02::1:2")).withPort(7000));
        driver.startDaemon(SyncDaemon.of(SyncState.BACKUP, MULTICAST_IF, 2).withGroup(ip("ff05::8848")).withMaxLength(65535));
        assertThat(driver.daemons()).containsExactly(
                new SyncDaemon(SyncState.MASTER, MULTICAST_IF, 1, 1500 - 48, ip("ff02::1:2"), 7000, 1),
                new SyncDaemon(SyncState.BACKUP, MULTICAST_IF, 2, 65535 - 48, ip("ff05::8848"), 8848, 1));
    }

    @Test
    void aBackupOnAnEthernetSizedInterfaceReadsAtMost1472Bytes() {
        assumeSyncDaemonsHere();
        driver.startDaemon(SyncDaemon.of(SyncState.BACKUP, MULTICAST_IF, 3));
        assertThat(driver.daemons()).containsExactly(
                new SyncDaemon(SyncState.BACKUP, MULTICAST_IF, 3, MULTICAST_IF_MTU - 28, DEFAULT_GROUP, 8848, 1));
    }

    @Test
    void aGivenLengthIsClampedMasterFromOneBackupFrom1024() {
        assumeSyncDaemonsHere();
        driver.startDaemon(SyncDaemon.of(SyncState.MASTER, LOOPBACK, 0).withMaxLength(1));
        driver.startDaemon(SyncDaemon.of(SyncState.BACKUP, LOOPBACK, 0).withMaxLength(100));
        assertThat(driver.daemons()).extracting(SyncDaemon::maxLength).containsExactly(1, 1024);
        driver.stopDaemon(SyncState.MASTER);
        driver.stopDaemon(SyncState.BACKUP);
        driver.startDaemon(SyncDaemon.of(SyncState.MASTER, LOOPBACK, 0).withMaxLength(65535));
        assertThat(driver.daemons()).extracting(SyncDaemon::maxLength).containsExactly(65535 - 28);
    }

    @Test
    void oneMasterAndOneBackupListedMasterFirst() {
        assumeSyncDaemonsHere();
        driver.startDaemon(SyncDaemon.of(SyncState.BACKUP, LOOPBACK, 2));
        driver.startDaemon(SyncDaemon.of(SyncState.MASTER, LOOPBACK, 1));
        assertErrno(() -> driver.startDaemon(SyncDaemon.of(SyncState.MASTER, LOOPBACK, 3)), Errno.EEXIST,
                "Daemon has already run");
        assertErrno(() -> driver.startDaemon(SyncDaemon.of(SyncState.BACKUP, LOOPBACK, 4)), Errno.EEXIST,
                "Daemon has already run");
        assertThat(driver.daemons()).extracting(SyncDaemon::state, SyncDaemon::syncId)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(SyncState.MASTER, 1),
                        org.assertj.core.groups.Tuple.tuple(SyncState.BACKUP, 2));
    }

    @Test
    void anUnknownInterfaceIsEnodevEvenWhenThatRoleRuns() {
        assumeSyncDaemonsHere();
        assertErrno(() -> driver.startDaemon(SyncDaemon.of(SyncState.MASTER, "nosuch0", 0)), Errno.ENODEV,
                "No such device");
        driver.startDaemon(SyncDaemon.of(SyncState.MASTER, LOOPBACK, 0));
        // the kernel looks the interface up before it looks for a running daemon
        assertErrno(() -> driver.startDaemon(SyncDaemon.of(SyncState.MASTER, "nosuch0", 0)), Errno.ENODEV,
                "No such device");
        assertThat(driver.daemons()).hasSize(1);
    }

    @Test
    void stoppingADaemonThatDoesNotRunIsEsrch() {
        assumeSyncDaemonsHere();
        assertErrno(() -> driver.stopDaemon(SyncState.MASTER), Errno.ESRCH, "No daemon is running");
        driver.startDaemon(SyncDaemon.of(SyncState.MASTER, LOOPBACK, 0));
        driver.startDaemon(SyncDaemon.of(SyncState.BACKUP, LOOPBACK, 0));
        driver.stopDaemon(SyncState.MASTER);
        assertErrno(() -> driver.stopDaemon(SyncState.MASTER), Errno.ESRCH, "No daemon is running");
        assertThat(driver.daemons()).extracting(SyncDaemon::state).containsExactly(SyncState.BACKUP);
        driver.stopDaemon(SyncState.BACKUP);
        assertThat(driver.daemons()).isEmpty();
    }

    @Test
    void aGroupThatIsNotMulticastOrALongInterfaceNameIsEinval() {
        assumeSyncDaemonsHere();
        assertErrno(() -> driver.startDaemon(SyncDaemon.of(SyncState.MASTER, LOOPBACK, 0).withGroup(ip("10.0.0.1"))),
                Errno.EINVAL, "Invalid operation");
        assertErrno(() -> driver.startDaemon(SyncDaemon.of(SyncState.BACKUP, LOOPBACK, 0).withGroup(ip("fd00::1"))),
                Errno.EINVAL, "Invalid operation");
        assertErrno(() -> driver.startDaemon(SyncDaemon.of(SyncState.MASTER, "a234567890123456", 0)), Errno.EINVAL,
                "Invalid operation");
        assertThat(driver.daemons()).isEmpty();
    }

    @Test
    void syncDaemonsAndMixedFamilyRealServersExcludeEachOther() {
        assumeSyncDaemonsHere();
        driver.addService(VirtualService.of(WEB6, "rr"));
        Destination tun4 = Destination.of(ip("10.0.0.7"), 443, ForwardingMethod.TUNNEL, 1);
        driver.addDestination(WEB6, tun4);
        assertErrno(() -> driver.startDaemon(SyncDaemon.of(SyncState.MASTER, LOOPBACK, 0)), Errno.EINVAL,
                "Invalid operation");
        driver.deleteDestination(WEB6, tun4.address(), tun4.port());
        driver.startDaemon(SyncDaemon.of(SyncState.MASTER, LOOPBACK, 0));
        assertErrno(() -> driver.addDestination(WEB6, tun4), Errno.EINVAL, "Invalid operation");
        driver.addDestination(WEB6, Destination.of(ip("2001:db8::7"), 443, ForwardingMethod.TUNNEL, 1));
        assertThat(dests(WEB6)).hasSize(1);
    }

    @Test
    void flushLeavesTheSyncDaemonsRunning() {
        assumeSyncDaemonsHere();
        driver.startDaemon(SyncDaemon.of(SyncState.BACKUP, LOOPBACK, 0));
        driver.addService(VirtualService.of(WEB, "rr"));
        driver.flush();
        assertThat(driver.daemons()).hasSize(1);
    }
}
