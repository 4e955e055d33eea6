package io.javalived.daemon.anycast;

import static org.assertj.core.api.Assertions.assertThat;

import io.javalived.healthcheck.lvs.HealthSnapshot;
import io.javalived.healthcheck.lvs.VirtualServerPlan;
import io.javalived.ipvs.Protocol;
import io.javalived.ipvs.ServiceKey;
import io.javalived.ipvs.VirtualService;
import io.javalived.parser.KeepalivedParser;
import io.javalived.parser.model.KeepalivedConfig;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which addresses a director announces, from the checkers' quorum (logic; the in-memory announcer, no thread hop). */
class AnycastAnnouncerTest {
    @TempDir
    Path dir;

    private final InMemoryRouteAnnouncer routes = new InMemoryRouteAnnouncer();

    static InetAddress ip(String s) throws Exception {
        return InetAddress.getByName(s);
    }

    private KeepalivedConfig config(String vs80extra, String vs443extra) throws Exception {
        Path f = dir.resolve("keepalived.conf");
        Files.writeString(f, """
                virtual_server 10.0.0.3 80 {
                    protocol TCP
                    lb_algo mh
                    lb_kind DR
                    %s
                    real_server 10.0.0.7 80 {
                    }
                }
                virtual_server 10.0.0.3 443 {
                    protocol TCP
                    lb_algo mh
                    lb_kind DR
                    %s
                    real_server 10.0.0.7 443 {
                    }
                }
                virtual_server 10.0.0.4 80 {
                    protocol TCP
                    lb_algo mh
                    lb_kind DR
                    real_server 10.0.0.7 80 {
                    }
                }
                """.formatted(vs80extra, vs443extra));
        return KeepalivedParser.parse(f).config();
    }

    private static VirtualService service(String address, int port) throws Exception {
        return VirtualService.of(new ServiceKey.Address(Protocol.TCP, ip(address), port), "mh");
    }

    private static HealthSnapshot.VirtualServer snapshotVs(String name, String address, int port, boolean up) throws Exception {
        return new HealthSnapshot.VirtualServer(name, List.of(service(address, port)), 1, 0, up ? 1 : 0, up, Optional.empty(),
                false, List.of());
    }

    private static HealthSnapshot snapshot(boolean up80, boolean up443, boolean up4) throws Exception {
        return new HealthSnapshot(Duration.ZERO, List.of(snapshotVs("[10.0.0.3]:tcp:80", "10.0.0.3", 80, up80),
                snapshotVs("[10.0.0.3]:tcp:443", "10.0.0.3", 443, up443), snapshotVs("[10.0.0.4]:tcp:80", "10.0.0.4", 80, up4)));
    }

    private static VirtualServerPlan plan(String name, String address, int port) throws Exception {
        return new VirtualServerPlan(name, List.of(service(address, port)), List.of(), 1, 0, Optional.empty(), Optional.empty(),
                Optional.empty(), false);
    }

    @Test
    void nothingIsAnnouncedBeforeTheCheckersSayIt() throws Exception {
        new AnycastAnnouncer(config("javalived_announce", ""), routes, Runnable::run);
        assertThat(routes.announced()).isEmpty();
    }

    @Test
    void aVirtualServerWithQuorumAnnouncesItsAddressAndOnlyThose() throws Exception {
        AnycastAnnouncer a = new AnycastAnnouncer(config("javalived_announce", ""), routes, Runnable::run);
        a.sync(snapshot(true, true, true));
        assertThat(routes.announced()).containsExactly(ip("10.0.0.3"));
    }

    @Test
    void losingQuorumWithdrawsAndGainingItAnnouncesAgain() throws Exception {
        AnycastAnnouncer a = new AnycastAnnouncer(config("javalived_announce", ""), routes, Runnable::run);
        a.sync(snapshot(true, true, true));
        a.events().quorumChanged(plan("[10.0.0.3]:tcp:80", "10.0.0.3", 80), false, false, 0);
        assertThat(routes.announced()).isEmpty();
        a.events().quorumChanged(plan("[10.0.0.3]:tcp:80", "10.0.0.3", 80), true, false, 1);
        assertThat(routes.announced()).containsExactly(ip("10.0.0.3"));
    }

    @Test
    void startingWithoutQuorumAnnouncesNothing() throws Exception {
        AnycastAnnouncer a = new AnycastAnnouncer(config("javalived_announce", ""), routes, Runnable::run);
        a.sync(snapshot(false, true, true));
        assertThat(routes.announced()).isEmpty();
    }

    @Test
    void anAddressNeedsQuorumOnEveryAnnouncingService() throws Exception {
        AnycastAnnouncer a = new AnycastAnnouncer(config("javalived_announce", "javalived_announce"), routes, Runnable::run);
        a.sync(snapshot(true, true, false));
        assertThat(routes.announced()).containsExactly(ip("10.0.0.3"));
        a.events().quorumChanged(plan("[10.0.0.3]:tcp:443", "10.0.0.3", 443), false, false, 0);
        assertThat(routes.announced()).as("443 lost its servers: the address goes, port 80 is carried by the others").isEmpty();
    }

    @Test
    void aVirtualServerWithoutTheKeywordIsNotFollowed() throws Exception {
        AnycastAnnouncer a = new AnycastAnnouncer(config("javalived_announce", ""), routes, Runnable::run);
        a.sync(snapshot(true, false, true));
        assertThat(routes.announced()).as("443 has no javalived_announce: its quorum does not count").containsExactly(ip("10.0.0.3"));
        a.events().quorumChanged(plan("[10.0.0.4]:tcp:80", "10.0.0.4", 80), true, false, 1);
        assertThat(routes.announced()).containsExactly(ip("10.0.0.3"));
    }

    @Test
    void aReloadThatDropsTheKeywordWithdraws() throws Exception {
        AnycastAnnouncer a = new AnycastAnnouncer(config("javalived_announce", ""), routes, Runnable::run);
        a.sync(snapshot(true, true, true));
        a.reconfigure(config("", ""));
        a.sync(snapshot(true, true, true));
        assertThat(routes.announced()).isEmpty();
        a.reconfigure(config("", "javalived_announce"));
        a.sync(snapshot(true, true, true));
        assertThat(routes.announced()).containsExactly(ip("10.0.0.3"));
    }

    @Test
    void closeWithdrawsEverythingAndLaterEventsDoNothing() throws Exception {
        AnycastAnnouncer a = new AnycastAnnouncer(config("javalived_announce", ""), routes, Runnable::run);
        a.sync(snapshot(true, true, true));
        a.close();
        assertThat(routes.announced()).isEmpty();
        a.events().quorumChanged(plan("[10.0.0.3]:tcp:80", "10.0.0.3", 80), true, false, 1);
        assertThat(routes.announced()).isEmpty();
    }

    @Test
    void aGroupAnnouncesEachOfItsAddresses() throws Exception {
        Path f = dir.resolve("group.conf");
        Files.writeString(f, """
                virtual_server_group WEB {
                    10.0.0.3 80
                    10.0.0.5 80
                }
                virtual_server group WEB {
                    protocol TCP
                    lb_algo mh
                    lb_kind DR
                    javalived_announce
                    real_server 10.0.0.7 80 {
                    }
                }
                """);
        AnycastAnnouncer a = new AnycastAnnouncer(KeepalivedParser.parse(f).config(), routes, Runnable::run);
        a.sync(new HealthSnapshot(Duration.ZERO, List.of(new HealthSnapshot.VirtualServer("group WEB",
                List.of(service("10.0.0.3", 80), service("10.0.0.5", 80)), 1, 0, 1, true, Optional.empty(), false, List.of()))));
        assertThat(routes.announced()).containsExactlyInAnyOrder(ip("10.0.0.3"), ip("10.0.0.5"));
    }

    @Test
    void wantedOnlyWithTheKeyword() throws Exception {
        assertThat(AnycastAnnouncer.wanted(config("", ""))).isFalse();
        assertThat(AnycastAnnouncer.wanted(config("", "javalived_announce"))).isTrue();
    }
}
