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
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import io.javalived.daemon.status.CheckState;
import io.javalived.daemon.status.IpvsCalls;
import io.javalived.daemon.status.LoopStatus;
import io.javalived.daemon.status.RealServerStatus;
import io.javalived.daemon.status.VirtualServerStatus;
import io.javalived.healthcheck.lvs.InMemoryLocalAddresses;
import io.javalived.ipvs.VirtualService;

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

    static Map<String, Long> calls(CheckerSubsystem s) {
        Map<String, Long> m = new TreeMap<>();
        s.ipvsKernelCalls().forEach(c -> m.put(c.op(), c.calls()));
        return m;
    }

    static Map<String, Long> nonZero(Map<String, Long> m) {
        Map<String, Long> out = new TreeMap<>(m);
        out.values().removeIf(v -> v == 0);
        return out;
    }

    @Test
    void countsEveryKernelCallItMakesAndEveryRefusal() throws Exception {
        try (ServerSocket web = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.2"))) {
            InMemoryIpvsDriver kernel = new InMemoryIpvsDriver();
            ServiceKey key = new ServiceKey.Address(Protocol.TCP, InetAddress.getByName("127.0.0.1"), web.getLocalPort());
            kernel.addService(VirtualService.of(key, "rr")); // someone else's: our add is refused
            CheckerSubsystem s = (CheckerSubsystem) CheckerSubsystem.create(config(web.getLocalPort()), options(false), null,
                    () -> unclosable(kernel)).orElseThrow();
            assertThat(nonZero(calls(s))).isEmpty();
            assertThat(calls(s).keySet()).contains("add_service", "edit_service", "delete_service", "add_destination",
                    "edit_destination", "delete_destination", "list_services", "set_timeouts");
            s.start();
            // EEXIST on the add (tolerated as keepalived does: edited to our settings), then our real server
            assertThat(nonZero(calls(s))).isEqualTo(Map.of("add_service", 1L, "edit_service", 1L, "add_destination", 1L));
            assertThat(s.ipvsKernelCalls()).filteredOn(c -> c.errors() > 0)
                    .containsExactly(new IpvsCalls("add_service", 1, 1));
            s.stop();
            assertThat(calls(s).get("delete_service")).isEqualTo(1);
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

    /** The kernel without its close (the subsystem closes its driver at stop); the kernel's refusals pass through as they are. */
    static IpvsDriver unclosable(InMemoryIpvsDriver kernel) {
        return (IpvsDriver) java.lang.reflect.Proxy.newProxyInstance(IpvsDriver.class.getClassLoader(),
                new Class<?>[] {IpvsDriver.class}, (proxy, method, args) -> {
                    if (method.getName().equals("close")) {
                        return null;
                    }
                    try {
                        return method.invoke(kernel, args);
                    } catch (java.lang.reflect.InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    /** Polls (the checker runs on its own loop) until the condition holds or 10 s pass; returns the last status. */
    static VirtualServerStatus awaitStatus(CheckerSubsystem s,
            java.util.function.Predicate<RealServerStatus> until) throws InterruptedException {
        long deadline = System.nanoTime() + 10_000_000_000L;
        VirtualServerStatus vs;
        do {
            vs = s.virtualServers().getFirst();
            if (until.test(vs.realServers().getFirst())) {
                return vs;
            }
            Thread.sleep(50);
        } while (System.nanoTime() < deadline);
        return vs;
    }

    @Test
    void publishesEachRealServersCheckStateAndItGoesDownWhenItsListenerStops() throws Exception {
        ServerSocket web = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.2"));
        int port = web.getLocalPort();
        InMemoryIpvsDriver kernel = new InMemoryIpvsDriver();
        CheckerSubsystem s = (CheckerSubsystem) CheckerSubsystem.create(config(port), options(false), null,
                () -> unclosable(kernel)).orElseThrow();
        assertThat(s.virtualServers()).isEmpty();
        s.start();
        try {
            var up = awaitStatus(s, rs -> rs.lastCheck().isPresent());
            assertThat(up.id()).isEqualTo("TCP 127.0.0.1:" + port);
            assertThat(up.scheduler()).isEqualTo("rr");
            assertThat(up.method()).isEqualTo("NAT");
            assertThat(up.quorum()).isEqualTo(1);
            assertThat(up.liveWeight()).isEqualTo(1);
            assertThat(up.quorumUp()).isTrue();
            assertThat(up.sorryServerInUse()).isFalse();
            var rs = up.realServers().getFirst();
            assertThat(rs.id()).isEqualTo("127.0.0.2:" + port);
            assertThat(rs.state()).isEqualTo(CheckState.UP);
            assertThat(rs.inPool()).isTrue();
            assertThat(rs.configuredWeight()).isEqualTo(1);
            assertThat(rs.weight()).isEqualTo(1);
            assertThat(rs.lastCheck().orElseThrow().success()).isTrue();
            assertThat(rs.lastCheck().orElseThrow().latencyMs()).isGreaterThan(0);
            assertThat(rs.checkers()).singleElement().satisfies(c -> assertThat(c.kind()).isEqualTo("TCP_CHECK"));
            assertThat(s.checkerLoops()).extracting(LoopStatus::loop)
                    .containsExactly("checker", "reconciler");

            java.time.Instant stopped = java.time.Instant.now();
            web.close();
            var down = awaitStatus(s, r -> r.state() == CheckState.DOWN);
            var rsDown = down.realServers().getFirst();
            assertThat(rsDown.state()).isEqualTo(CheckState.DOWN);
            assertThat(rsDown.inPool()).isFalse();
            assertThat(rsDown.lastCheck().orElseThrow().success()).isFalse();
            assertThat(rsDown.lastCheck().orElseThrow().reason()).isEqualTo("connection refused");
            assertThat(rsDown.lastTransition().orElseThrow()).isAfterOrEqualTo(stopped.minusMillis(5));
            assertThat(down.quorumUp()).isFalse();
            assertThat(down.liveWeight()).isZero();
            ServiceKey key = new ServiceKey.Address(Protocol.TCP, InetAddress.getByName("127.0.0.1"), port);
            assertThat(kernel.destinations(key)).isEmpty();
        } finally {
            s.stop();
            web.close();
        }
    }

    @Test
    void dontReleaseIpvsLeavesTheTableInTheKernelAtStop() throws Exception {
        try (ServerSocket web = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.2"))) {
            InMemoryIpvsDriver kernel = new InMemoryIpvsDriver();
            ServiceKey key = new ServiceKey.Address(Protocol.TCP, InetAddress.getByName("127.0.0.1"), web.getLocalPort());
            Subsystem s = CheckerSubsystem.create(config(web.getLocalPort()), options(false).withDontReleaseIpvs(true), null,
                    () -> unclosable(kernel)).orElseThrow();
            s.start();
            s.stop();
            assertThat(kernel.service(key)).isPresent();
            assertThat(kernel.destinations(key)).hasSize(1);
        }
    }

    /** Connections accepted by a real listener: each is one TCP_CHECK probe arriving. */
    static final class CountingListener implements AutoCloseable {
        final ServerSocket socket;
        final java.util.concurrent.atomic.AtomicInteger accepted = new java.util.concurrent.atomic.AtomicInteger();
        final Thread acceptor;

        CountingListener(String address) throws Exception {
            socket = new ServerSocket(0, 50, InetAddress.getByName(address));
            acceptor = Thread.ofPlatform().daemon().start(() -> {
                while (!socket.isClosed()) {
                    try (var c = socket.accept()) {
                        accepted.incrementAndGet();
                    } catch (java.io.IOException e) {
                        return;
                    }
                }
            });
        }

        int port() {
            return socket.getLocalPort();
        }

        @Override
        public void close() throws Exception {
            socket.close();
            acceptor.join(1000);
        }
    }

    /**
     * The daemon's wiring of ha_suspend: the subsystem hands its address source to the checks (here the in-memory
     * twin; {@code HaSuspendNetnsTest} runs the rtnetlink one). Timing: delay_loop 1 and warmup 1 (its default), so
     * a running check connects at least once a second; 2.5 s of silence means it does not run.
     */
    @Test
    void haSuspendStartsTheChecksWhenTheVirtualServersAddressArrivesAndStopsThemWhenItGoes() throws Exception {
        try (CountingListener web = new CountingListener("127.0.0.2")) {
            Path file = dir.resolve("keepalived.conf");
            Files.writeString(file, """
                    virtual_server 127.0.0.3 %d {
                        delay_loop 1
                        lvs_sched rr
                        lvs_method NAT
                        protocol TCP
                        ha_suspend
                        real_server 127.0.0.2 %d {
                            TCP_CHECK {
                                connect_timeout 1
                            }
                        }
                    }
                    """.formatted(web.port(), web.port()));
            var host = new InMemoryLocalAddresses();
            InMemoryIpvsDriver kernel = new InMemoryIpvsDriver();
            CheckerSubsystem s = (CheckerSubsystem) CheckerSubsystem.create(KeepalivedParser.parse(file).config(), options(false),
                    null, () -> unclosable(kernel), host).orElseThrow();
            s.start();
            ServiceKey key = new ServiceKey.Address(Protocol.TCP, InetAddress.getByName("127.0.0.3"), web.port());
            assertThat(kernel.destinations(key)).as("the table is installed while suspended").hasSize(1);
            Thread.sleep(2500);
            assertThat(web.accepted.get()).as("no probe while 127.0.0.3 is not on this host").isZero();

            host.add(InetAddress.getByName("127.0.0.3"), 1);
            long deadline = System.nanoTime() + 5_000_000_000L;
            while (web.accepted.get() == 0 && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertThat(web.accepted.get()).as("probes once the address is here").isPositive();

            host.remove(InetAddress.getByName("127.0.0.3"), 1);
            Thread.sleep(500); // a probe already in flight may still land
            int afterRemoval = web.accepted.get();
            Thread.sleep(2500);
            assertThat(web.accepted.get()).as("no probe after the address left").isEqualTo(afterRemoval);
            s.stop();
            assertThat(host.watchers()).isZero();
        }
    }

    @Test
    void lvsFlushEmptiesTheKernelsTableAtStartAndLvsFlushOnStopAtStop() throws Exception {
        try (ServerSocket web = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.2"))) {
            Path file = dir.resolve("keepalived.conf");
            Files.writeString(file, "global_defs {\n    lvs_flush\n    lvs_flush_on_stop\n}\n"
                    + Files.readString(writeConfig(web.getLocalPort())));
            InMemoryIpvsDriver kernel = new InMemoryIpvsDriver();
            ServiceKey stale = new ServiceKey.Address(Protocol.TCP, InetAddress.getByName("127.0.0.9"), 443);
            kernel.addService(VirtualService.of(stale, "rr"));
            CheckerSubsystem s = (CheckerSubsystem) CheckerSubsystem.create(KeepalivedParser.parse(file).config(), options(false),
                    null, () -> unclosable(kernel)).orElseThrow();
            s.start();
            assertThat(kernel.service(stale)).as("flushed at start").isEmpty();
            assertThat(kernel.services()).hasSize(1);
            ServiceKey other = new ServiceKey.Address(Protocol.TCP, InetAddress.getByName("127.0.0.9"), 8443);
            kernel.addService(VirtualService.of(other, "rr"));
            s.stop();
            assertThat(kernel.services()).as("flushed at stop, someone else's service too").isEmpty();
            assertThat(calls(s)).containsEntry("flush", 2L).containsEntry("delete_service", 0L);
        }
    }

    Path writeConfig(int port) throws Exception {
        config(port);
        return dir.resolve("keepalived.conf");
    }
}
