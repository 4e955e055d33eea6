package io.javalived.ipvs.netlink;

import io.javalived.ipvs.IpvsDriver;
import io.javalived.ipvs.IpvsDriverContract;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;

/**
 * The driver contract against the real kernel's IPVS. Runs where the kernel has IPVS (inside the lab
 * VM: see {@code VmIpvsTest}, which runs this class there); skips with the reason elsewhere.
 * The schedulers it uses (rr, wrr, wlc, sh) must be loaded, since the VM cannot autoload modules.
 * The sync daemon cases get their multicast interface from a veth pair made here (MTU 1500).
 */
@Tag("vm")
class NetlinkIpvsDriverContractTest extends IpvsDriverContract {
    private static boolean ipvs() {
        return Files.exists(Path.of("/proc/net/ip_vs"));
    }

    @BeforeAll
    static void aMulticastInterface() throws Exception {
        if (ipvs()) {
            ip("link", "add", MULTICAST_IF, "mtu", String.valueOf(MULTICAST_IF_MTU), "type", "veth", "peer", "name", "jlsyncc1");
            ip("link", "set", MULTICAST_IF, "up");
            ip("link", "set", "jlsyncc1", "up");
        }
    }

    @AfterAll
    static void removeIt() throws Exception {
        if (ipvs()) {
            ip("link", "del", MULTICAST_IF);
        }
    }

    private static void ip(String... args) throws IOException, InterruptedException {
        List<String> cmd = new java.util.ArrayList<>(List.of("ip"));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        if (p.waitFor() != 0) {
            throw new IllegalStateException(String.join(" ", cmd) + ": " + out);
        }
    }

    @Override
    protected boolean syncDaemonCasesHere() {
        return false;
    }

    @Override
    protected IpvsDriver openDriver() {
        Assumptions.assumeTrue(ipvs(),
                "this kernel has no IPVS (/proc/net/ip_vs absent): the contract runs against the real kernel inside the lab VM");
        return NetlinkIpvsDriver.open();
    }
}
