package io.javalived.daemon.lvs;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import io.javalived.daemon.Prerequisites;
import io.javalived.daemon.GuestProofs;

/**
 * javalived's checker subsystem against the real kernel IPVS, in the qemu VM (lab/bin/vm-run), with
 * the seed topologies in namespaces: see {@link VmProofs}.
 */
@Tag("vm")
class LvsVmTest {

    static Path repo;
    static Path vmRun;

    @BeforeAll
    static void vm() throws Exception {
        repo = GuestProofs.repo();
        vmRun = GuestProofs.vmRunOrSkip();
        // VmProofs' web servers are busybox httpd; the guest runs the host's own binaries
        Prerequisites.assumeBusyboxHttpd();
    }

    static void prove(String... which) throws Exception {
        List<String> args = new java.util.ArrayList<>(List.of(repo.toString()));
        args.addAll(List.of(which));
        GuestProofs.prove(vmRun, 900, VmProofs.class, args.toArray(String[]::new));
    }

    /**
     * One VM boot for both (CI time): the seed's lb01 config puts its direct-routing service in the kernel
     * and follows web02 going and coming; the seed's NAT lab serves both real servers through the VIP
     * with port mapping, and its table lists exactly as the one real ipvsadm builds.
     */
    @Test
    void seedLb01AndTheNatLabOnRealIpvs() throws Exception {
        prove("seed", "nat");
    }
}
