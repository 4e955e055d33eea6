package io.javalived.daemon.anycast;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.javalived.lab.LabHost;
import io.javalived.lab.Netns;
import io.javalived.lab.Topology;
import io.javalived.net.ffm.NativeException;
import io.javalived.net.netns.InNamespace;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The kernel announcer passes the contract in a lab namespace, and what it does is what FRR will see: host routes
 * through {@code jl-announce} with protocol 200 in the main table ({@code ip route} as the observer); a second
 * announcer in the same namespace is refused by name.
 */
@Tag("netns")
class KernelRouteAnnouncerTest extends RouteAnnouncerContract {
    private Netns lab;

    private LabHost host() {
        if (lab == null) {
            var a = Netns.availability();
            Assumptions.assumeTrue(a.available(), a.reason());
            Assumptions.assumeTrue(Files.exists(Path.of("/dev/net/tun")), "this kernel has no /dev/net/tun");
            lab = Netns.create(Topology.builder().lan("front").host("lb01", h -> h.nic("eth0", "front", "10.0.0.5/24")).build());
        }
        return lab.host("lb01");
    }

    @Override
    protected RouteAnnouncer open() throws Exception {
        return InNamespace.call(host().namespacePath(), KernelRouteAnnouncer::open);
    }

    @Override
    protected void cleanUp() {
        if (lab != null) lab.close();
    }

    @Test
    void theRoutesAreHostRoutesThroughTheLifelineDevice() throws Exception {
        RouteAnnouncer a = announcer();
        a.announce(ip("10.0.0.3"));
        a.announce(ip("fd00::3"));
        assertThat(host().exec("ip", "route", "show", "proto", "200").stdout()).contains("10.0.0.3 dev jl-announce scope link");
        assertThat(host().exec("ip", "-6", "route", "show", "proto", "200").stdout()).contains("fd00::3 dev jl-announce");
        assertThat(host().exec("ip", "link", "show", "jl-announce").stdout()).contains(",UP,");
        a.close();
        assertThat(host().exec("ip", "route", "show", "proto", "200").stdout()).isBlank();
        assertThat(host().exec("ip", "link", "show", "jl-announce").stdout()).doesNotContain("jl-announce");
    }

    @Test
    void aSecondAnnouncerInTheNamespaceIsRefused() throws Exception {
        announcer();
        assertThatThrownBy(() -> InNamespace.call(host().namespacePath(), KernelRouteAnnouncer::open))
                .isInstanceOf(NativeException.class).hasMessageContaining("jl-announce is held by another process");
    }
}
