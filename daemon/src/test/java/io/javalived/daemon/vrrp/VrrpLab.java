package io.javalived.daemon.vrrp;

import io.javalived.lab.LabHost;
import io.javalived.lab.LabProcess;
import io.javalived.lab.Netns;
import io.javalived.net.netns.InNamespace;
import io.javalived.net.rtnl.AddressMonitor;
import io.javalived.net.rtnl.InterfaceAddress;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Assumptions;

/**
 * VRRP routers in the seed topology: javalived (this build, from the test classpath) and real keepalived as
 * processes in lb01/lb02, configs written into the lab folder, and a precise VIP watcher (rtnetlink address
 * notifications inside a namespace) for timings.
 */
final class VrrpLab implements AutoCloseable {
    static final String VIP = "10.0.0.3";
    final Netns lab;
    private final List<VipWatch> watches = new ArrayList<>();
    private int serial;

    VrrpLab() {
        this.lab = Netns.seed();
    }

    /**
     * The lab with real keepalived as a peer: skips the calling test, with the reason, where network namespaces
     * are not available or keepalived is not installed.
     */
    static VrrpLab withKeepalived() {
        var a = Netns.availability();
        Assumptions.assumeTrue(a.available(), a.reason());
        Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/sbin/keepalived")), "keepalived is not installed (apt-get install keepalived)");
        return new VrrpLab();
    }

    LabHost host(String name) {
        return lab.host(name);
    }

    Path write(String name, String text) {
        Path p = lab.dir().resolve(name);
        try {
            Files.writeString(p, text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return p;
    }

    /** javalived from this build: the test JVM's java and classpath, foreground, console log. */
    LabProcess javalived(String host, Path conf) {
        return javalived(host, conf, null);
    }

    /** @param javaOpts extra JVM options (JAVALIVED_JAVA_OPTS for the launcher), or null */
    LabProcess javalived(String host, Path conf, String javaOpts) {
        return javalivedWithPidFiles(host, conf, javaOpts, host + "-" + (++serial));
    }

    /** As {@link #javalived(String, Path, String)}, with pid files {@code TAG.pid}, {@code TAG_vrrp.pid}, {@code TAG_checkers.pid} in the lab folder. */
    LabProcess javalivedWithPidFiles(String host, Path conf, String javaOpts, String tag) {
        Path dir = lab.dir();
        List<String> cmd = new ArrayList<>();
        String launcher = System.getProperty("javalived.launcher");
        if (launcher != null) {
            cmd.addAll(List.of("env", "JAVALIVED_NO_BUILD=1", "JAVALIVED_JAVA_OPTS=" + (javaOpts == null ? "" : javaOpts),
                    launcher)); // the product's own launcher (drill)
        } else {
            cmd.addAll(List.of(ProcessHandle.current().info().command().orElse("java"), "--enable-native-access=ALL-UNNAMED",
                    "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xshare:auto",
                    "-cp", System.getProperty("java.class.path"), "io.javalived.daemon.Main"));
        }
        cmd.addAll(List.of("-n", "-l", "-G", "-D", "-f", conf.toString(), "-p", dir.resolve(tag + ".pid").toString(),
                "-r", dir.resolve(tag + "_vrrp.pid").toString(), "-c", dir.resolve(tag + "_checkers.pid").toString()));
        return lab.host(host).start("javalived-" + tag, cmd);
    }

    LabProcess keepalived(String host, Path conf) {
        return keepalivedWithPidFiles(host, conf, host + "-ka-" + (++serial));
    }

    /** keepalived with pid files {@code TAG.pid}, {@code TAG_vrrp.pid}, {@code TAG_checkers.pid} in the lab folder. */
    LabProcess keepalivedWithPidFiles(String host, Path conf, String tag) {
        Path dir = lab.dir();
        return lab.host(host).start("keepalived-" + tag, List.of("keepalived", "-n", "-l", "-D", "-f", conf.toString(),
                "-p", dir.resolve(tag + ".pid").toString(), "-r", dir.resolve(tag + "_vrrp.pid").toString(),
                "-c", dir.resolve(tag + "_checkers.pid").toString()));
    }

    boolean hasVip(String host) {
        return lab.host(host).exec("ip", "-4", "-o", "addr", "show", "dev", "eth0").stdout().contains(" " + VIP + "/");
    }

    boolean awaitVip(String host, boolean present, Duration timeout) throws InterruptedException {
        long end = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < end) {
            if (hasVip(host) == present) return true;
            Thread.sleep(20);
        }
        return hasVip(host) == present;
    }

    /** A crashed router keeps its VIP (nothing cleans up after kill -9): remove it as an operator would. */
    void dropVip(String host) {
        lab.host(host).exec("ip", "addr", "del", VIP + "/24", "dev", "eth0");
    }

    /** Starts watching a host for the VIP's RTM_NEWADDR / RTM_DELADDR, timestamped on arrival. */
    VipWatch watch(String host) throws Exception {
        VipWatch w = new VipWatch(lab.host(host));
        watches.add(w);
        return w;
    }

    @Override
    public void close() {
        watches.forEach(VipWatch::close);
        lab.close();
    }

    /**
     * Address notifications of one namespace (linux-net's {@link AddressMonitor}, opened inside it); records
     * System.nanoTime() when the VIP is first added / removed.
     */
    static final class VipWatch implements AutoCloseable {
        final AtomicLong addedAt = new AtomicLong();
        final AtomicLong removedAt = new AtomicLong();
        private final InetAddress vip;
        private final AddressMonitor monitor;

        VipWatch(LabHost host) throws Exception {
            this.vip = InetAddress.getByName(VIP);
            this.monitor = InNamespace.call(host.namespacePath(), () -> AddressMonitor.start(this::changed));
        }

        void reset() {
            addedAt.set(0);
            removedAt.set(0);
        }

        private void changed(InterfaceAddress a, boolean present) {
            long now = System.nanoTime();
            if (a.address().equals(vip)) {
                (present ? addedAt : removedAt).compareAndSet(0, now);
            }
        }

        /** Nanoseconds from {@code since} until the VIP appeared, waiting up to {@code timeout}; -1 if it did not. */
        long awaitAdded(long since, Duration timeout) throws InterruptedException {
            long end = System.nanoTime() + timeout.toNanos();
            while (addedAt.get() == 0 && System.nanoTime() < end) Thread.sleep(2);
            long t = addedAt.get();
            return t == 0 ? -1 : t - since;
        }

        @Override
        public void close() {
            monitor.close();
        }
    }

    /** A vrrp_instance config (no virtual servers, so keepalived runs on a kernel without IPVS). */
    static String conf(String routerId, int version, String state, int priority, String advertInt, String auth,
                       List<String> unicastPeers, String unicastSrc, String extra) {
        StringBuilder b = new StringBuilder();
        b.append("global_defs {\n  router_id ").append(routerId).append("\n  vrrp_version ").append(version).append("\n}\n");
        b.append("vrrp_instance VI_1 {\n  state ").append(state).append("\n  interface eth0\n  virtual_router_id 62\n");
        b.append("  priority ").append(priority).append("\n  advert_int ").append(advertInt).append("\n");
        if (auth != null) b.append("  authentication {\n    auth_type PASS\n    auth_pass ").append(auth).append("\n  }\n");
        if (!unicastPeers.isEmpty()) {
            b.append("  unicast_src_ip ").append(unicastSrc).append("\n  unicast_peer {\n");
            unicastPeers.forEach(p -> b.append("    ").append(p).append("\n"));
            b.append("  }\n");
        }
        if (extra != null) b.append(extra);
        b.append("  virtual_ipaddress {\n    ").append(VIP).append("/24 dev eth0 label eth0:0\n  }\n}\n");
        return b.toString();
    }
}
