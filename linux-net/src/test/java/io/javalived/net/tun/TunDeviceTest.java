package io.javalived.net.tun;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.javalived.net.TestNamespace;
import io.javalived.net.ffm.ErrnoException;
import io.javalived.net.netns.InNamespace;
import io.javalived.net.rtnl.LinkControl;
import io.javalived.net.rtnl.Route;
import io.javalived.net.rtnl.RouteNetlink;
import io.javalived.net.rtnl.Rtnl;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The TUN device on a real kernel, in a namespace of this test's own ({@code ip} as the observer): it exists while
 * held, a second holder is refused with EBUSY, and closing it removes the device and the routes through it.
 */
class TunDeviceTest {
    private TestNamespace ns;

    @BeforeEach
    void namespace() throws Exception {
        Assumptions.assumeTrue(Files.exists(Path.of("/dev/net/tun")), "this kernel has no /dev/net/tun");
        ns = TestNamespace.create("tun");
    }

    @AfterEach
    void removeNamespace() throws Exception {
        if (ns != null) ns.close();
    }

    @Test
    void theDeviceAndItsRoutesLiveAsLongAsTheDescriptor() throws Exception {
        InNamespace.call(ns.path(), () -> {
            try (RouteNetlink rt = RouteNetlink.open(); LinkControl links = LinkControl.open()) {
                TunDevice tun = TunDevice.open("jl-test0");
                int index = rt.requireLink("jl-test0").index();
                links.setUp(index, "jl-test0");
                assertThatThrownBy(() -> TunDevice.open("jl-test0")).isInstanceOf(ErrnoException.class)
                        .hasMessageContaining("jl-test0 is held by another process").hasMessageContaining("EBUSY");
                Route r = new Route(2, Optional.of(InetAddress.getByName("192.0.2.80")), 32, Optional.empty(), 0,
                        Optional.empty(), Optional.empty(), OptionalInt.of(index), Rtnl.RT_TABLE_MAIN, 200,
                        Rtnl.RT_SCOPE_LINK, Rtnl.RTN_UNICAST, 0, 0, OptionalInt.empty(), List.of());
                assertThat(rt.addRoute(r)).isTrue();
                assertThat(ns.ip("route", "show", "proto", "200")).contains("192.0.2.80 dev jl-test0");
                tun.close();
                tun.close();
                assertThat(rt.link("jl-test0")).isEmpty();
                assertThat(ns.ip("route", "show", "proto", "200")).isBlank();
            }
            return null;
        });
    }

    @Test
    void aNameTooLongIsRefusedBeforeTheKernel() {
        assertThatThrownBy(() -> TunDevice.open("a-name-of-16-chr")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("1 to 15 characters");
    }
}
