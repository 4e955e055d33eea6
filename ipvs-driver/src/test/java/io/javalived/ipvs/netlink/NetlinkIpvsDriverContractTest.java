package io.javalived.ipvs.netlink;

import io.javalived.ipvs.IpvsDriver;
import io.javalived.ipvs.IpvsDriverContract;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;

/**
 * The driver contract against the real kernel's IPVS. Runs where the kernel has IPVS (inside the lab
 * VM: see {@code VmIpvsTest}, which runs this class there); skips with the reason elsewhere.
 * The schedulers it uses (rr, wrr, wlc, sh) must be loaded, since the VM cannot autoload modules.
 */
@Tag("vm")
class NetlinkIpvsDriverContractTest extends IpvsDriverContract {

    @Override
    protected IpvsDriver openDriver() {
        Assumptions.assumeTrue(Files.exists(Path.of("/proc/net/ip_vs")),
                "this kernel has no IPVS (/proc/net/ip_vs absent): the contract runs against the real kernel inside the lab VM");
        return NetlinkIpvsDriver.open();
    }
}
