package io.javalived.daemon.vrrp;

import static org.assertj.core.api.Assertions.assertThat;

import io.javalived.lab.LabProcess;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * vrrp_strict / no_accept / accept and nftables, against the kernel in namespaces (seed topology: lb01 10.0.0.5,
 * client 10.0.0.100, VIP 10.0.0.3): keepalived 2.2.7 and javalived in turn on lb01 with the same file. While MASTER
 * without accept mode both make the same nftables ruleset (read back with {@code nft list ruleset}, the test's
 * observer), the client's pings and TCP SYNs to the VIP are dropped while lb01's own address still answers, and the
 * table is gone
 * after a graceful stop. With accept mode (vrrp_strict with VRRP v3 and {@code accept}) no table is made and the VIP
 * answers.
 */
@Tag("netns")
@Tag("keepalived")
class FirewallNetnsTest extends WithKeepalivedLab {
    static final Duration FIRST_MASTER = Duration.ofSeconds(15);
    private Path conf(String name, String global, int version, String extra) {
        String c = VrrpLab.conf("lb01", version, "BACKUP", 100, "1", null, java.util.List.of(), null, extra);
        return lab.write(name, c.replace("global_defs {\n", "global_defs {\n" + global));
    }

    private String ruleset() {
        return lab.host("lb01").execOrThrow("nft", "list", "ruleset").stdout();
    }

    private boolean clientPings(String address) {
        return lab.host("client").exec("ping", "-c", "1", "-W", "1", address).exitCode() == 0;
    }

    /**
     * Whether lb01 answers a TCP connection to the address at all: nothing listens on port 7, so a kernel that sees
     * the SYN refuses it at once (RST); a dropped SYN runs into the 2 s timeout.
     */
    private boolean tcpAnswered(String address) {
        var r = lab.host("client").exec("timeout", "2", "bash", "-c", "echo > /dev/tcp/" + address + "/7");
        return r.exitCode() != 124;
    }

    /** Runs one daemon on lb01 to MASTER, returns the ruleset it made; checks the VIP drops pings, then stops it. */
    private String strictMasterDropsAndCleansUp(LabProcess daemon, String who) throws Exception {
        assertThat(lab.awaitVip("lb01", true, FIRST_MASTER)).as(who + " takes the VIP: " + daemon.output()).isTrue();
        assertThat(daemon.awaitOutput("setting firewall drop rule", Duration.ofSeconds(5))).as(daemon.output()).isTrue();
        String ruleset = ruleset();
        assertThat(clientPings("10.0.0.5")).as(who + ": lb01's own address answers").isTrue();
        assertThat(clientPings(VrrpLab.VIP)).as(who + ": the VIP does not answer without accept mode").isFalse();
        assertThat(tcpAnswered("10.0.0.5")).as(who + ": lb01's own address refuses TCP at once").isTrue();
        assertThat(tcpAnswered(VrrpLab.VIP)).as(who + ": a TCP SYN to the VIP is dropped").isFalse();
        daemon.signal("TERM");
        assertThat(daemon.waitFor(Duration.ofSeconds(10))).as(who + " stops").isPresent();
        assertThat(lab.hasVip("lb01")).isFalse();
        assertThat(ruleset()).as(who + " deletes its table at stop").doesNotContain("keepalived");
        return ruleset;
    }

    @Test
    void vrrpStrictDropsTrafficToTheVipLikeKeepalivedAndRemovesTheTableAtStop() throws Exception {
        Path strict = conf("strict.conf", "  vrrp_strict\n", 2, null);
        String keepalived = strictMasterDropsAndCleansUp(lab.keepalived("lb01", strict), "keepalived");
        assertThat(keepalived).contains("table ip keepalived", "ip daddr @vips drop", "10.0.0.3");

        String javalived = strictMasterDropsAndCleansUp(lab.javalived("lb01", strict), "javalived");
        assertThat(javalived).as("the same ruleset as keepalived 2.2.7's").isEqualTo(keepalived);
    }

    @Test
    void nftablesTableNamePriorityAndCountersAsKeepalived() throws Exception {
        Path strict = conf("named.conf", "  vrrp_strict\n  nftables javalived_fw\n  nftables_priority -5\n"
                + "  nftables_counters\n", 2, null);
        String keepalived = strictMasterDropsAndCleansUp(lab.keepalived("lb01", strict), "keepalived");
        assertThat(keepalived).contains("table ip javalived_fw", "priority filter - 5", "counter packets");

        String javalived = strictMasterDropsAndCleansUp(lab.javalived("lb01", strict), "javalived");
        // the counters differ with the traffic each one saw; the rest is the same
        assertThat(javalived.replaceAll("packets \\d+ bytes \\d+", "packets N bytes N"))
                .isEqualTo(keepalived.replaceAll("packets \\d+ bytes \\d+", "packets N bytes N"));
    }

    @Test
    void noAcceptWithoutStrictDropsAndAcceptLetsTrafficThrough() throws Exception {
        Path noAccept = conf("noaccept.conf", "", 2, "  no_accept\n");
        strictMasterDropsAndCleansUp(lab.javalived("lb01", noAccept), "javalived no_accept");

        // vrrp_strict with v3 and accept: keepalived keeps accept mode (with v2 it resets it, RFC 3768)
        Path accept = conf("accept.conf", "  vrrp_strict\n", 3, "  accept\n");
        LabProcess jl = lab.javalived("lb01", accept);
        assertThat(lab.awaitVip("lb01", true, FIRST_MASTER)).as(jl.output()).isTrue();
        assertThat(clientPings(VrrpLab.VIP)).as("accept mode: the VIP answers").isTrue();
        assertThat(tcpAnswered(VrrpLab.VIP)).as("accept mode: TCP to the VIP is answered").isTrue();
        assertThat(ruleset()).doesNotContain("keepalived");
        jl.signal("TERM");
        assertThat(jl.waitFor(Duration.ofSeconds(10))).isPresent();
    }
}
