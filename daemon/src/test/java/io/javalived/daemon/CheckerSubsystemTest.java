package io.javalived.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import io.javalived.ipvs.IpvsDriver;
import io.javalived.ipvs.IpvsUnavailableException;
import io.javalived.ipvs.Protocol;
import io.javalived.ipvs.ServiceKey;
import io.javalived.ipvs.memory.InMemoryIpvsDriver;
import io.javalived.parser.KeepalivedParser;
import io.javalived.parser.model.KeepalivedConfig;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The checker subsystem wired as the daemon wires it, on the in-memory kernel with a real server on loopback. */
class CheckerSubsystemTest {

    @TempDir
    Path dir;

    DaemonOptions options(boolean vrrpOnly) {
        return new DaemonOptions(dir.resolve("keepalived.conf"), true, true, false, vrrpOnly, false,
                dir.resolve("p.pid"), dir.resolve("v.pid"), dir.resolve("c.pid"), Optional.empty());
    }

    KeepalivedConfig config(int port) throws Exception {
        Path file = dir.resolve("keepalived.conf");
        Files.writeString(file, """
                virtual_server 127.0.0.1 %d {
                    delay_loop 1
                    lvs_sched rr
                    lvs_method NAT
                    protocol TCP
                    real_server 127.0.0.2 %d {
                        TCP_CHECK {
                            connect_timeout 1
                        }
                    }
                }
                """.formatted(port, port));
        return KeepalivedParser.parse(file).config();
    }

    @Test
    void startsTheVirtualServersAndRemovesThemOnStop() throws Exception {
        try (ServerSocket web = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.2"))) {
            InMemoryIpvsDriver kernel = new InMemoryIpvsDriver();
            ServiceKey key = new ServiceKey.Address(Protocol.TCP, InetAddress.getByName("127.0.0.1"), web.getLocalPort());
            // The subsystem closes its driver at stop; keep the in-memory kernel readable afterwards.
            IpvsDriver unclosable = (IpvsDriver) java.lang.reflect.Proxy.newProxyInstance(IpvsDriver.class.getClassLoader(),
                    new Class<?>[] {IpvsDriver.class}, (proxy, method, args) ->
                            method.getName().equals("close") ? null : method.invoke(kernel, args));
            Subsystem s = CheckerSubsystem.create(config(web.getLocalPort()), options(false), null, () -> unclosable).orElseThrow();
            s.start();
            assertThat(kernel.destinations(key)).hasSize(1);
            s.stop();
            assertThat(kernel.service(key)).isEmpty();
        }
    }

    @Test
    void vrrpOnlyOrAKernelWithoutIpvsLeavesItOut() throws Exception {
        assertThat(CheckerSubsystem.create(config(80), options(true), null, InMemoryIpvsDriver::new)).isEmpty();
        assertThat(CheckerSubsystem.create(config(80), options(false), null, () -> {
            throw new IpvsUnavailableException();
        })).isEmpty();
    }
}
