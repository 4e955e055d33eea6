package io.javalived.net.tun;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.javalived.net.ffm.ErrnoException;
import io.javalived.net.netns.InNamespace;
import io.javalived.net.rtnl.LinkControl;
import io.javalived.net.rtnl.Route;
import io.javalived.net.rtnl.RouteNetlink;
import io.javalived.net.rtnl.Rtnl;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The TUN device on a real kernel, in a namespace of this test's own ({@code ip} as the observer): it exists while
 * held, a second holder is refused with EBUSY, and closing it removes the device and the routes through it.
 */
class TunDeviceTest {
    private final String ns = "jl-tun-" + ProcessHandle.current().pid();
    private boolean created;

    @BeforeEach
    void namespace() throws Exception {
        Assumptions.assumeTrue(ProcessHandle.current().info().user().map("root"::equals).orElse(false),
                "needs root for a network namespace");
        Assumptions.assumeTrue(Files.exists(Path.of("/dev/net/tun")), "this kernel has no /dev/net/tun");
        run("ip", "netns", "add", ns);
        created = Path.of("/run/netns", ns).toFile().exists();
        Assumptions.assumeTrue(created, "cannot create a network namespace with ip netns add");
    }

    @AfterEach
    void removeNamespace() throws Exception {
        if (created) run("ip", "netns", "del", ns);
    }

    static String run(String... cmd) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor(30, TimeUnit.SECONDS);
        return out;
    }

    @Test
    void theDeviceAndItsRoutesLiveAsLongAsTheDescriptor() throws Exception {
        InNamespace.call(Path.of("/run/netns", ns), () -> {
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
                assertThat(run("ip", "-n", ns, "route", "show", "proto", "200")).contains("192.0.2.80 dev jl-test0");
                tun.close();
                tun.close();
                assertThat(rt.link("jl-test0")).isEmpty();
                assertThat(run("ip", "-n", ns, "route", "show", "proto", "200")).isBlank();
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
