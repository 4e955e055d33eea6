package io.javalived.ipvs.netlink;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.javalived.ipvs.IpvsUnavailableException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** On this host's real kernel, which has no IPVS. */
class NetlinkIpvsDriverTest {

    @Test
    void aKernelWithoutIpvsSaysSoInOneLine() {
        Assumptions.assumeFalse(Files.exists(Path.of("/proc/net/ip_vs")),
                "this kernel has IPVS (/proc/net/ip_vs exists); the no-IPVS case needs one without");
        assertThatThrownBy(NetlinkIpvsDriver::open)
                .isInstanceOf(IpvsUnavailableException.class)
                .hasMessage("this kernel has no IPVS: generic netlink family IPVS not found; load the ip_vs module")
                .satisfies(e -> org.assertj.core.api.Assertions.assertThat(e.getStackTrace()).isEmpty());
    }
}
