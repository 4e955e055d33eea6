package io.javalived.daemon.vrrp;

import static org.assertj.core.api.Assertions.assertThat;

import io.javalived.lab.LabHost;
import io.javalived.lab.LabProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * {@code use_vmac} on the real kernel, javalived beside keepalived 2.2.7: the same config is run on lb01 by
 * keepalived and then by javalived, with keepalived (also use_vmac) as the BACKUP on lb02. Each time the VMAC
 * {@code vrrp.62} must exist as a private macvlan on eth0 with 00:00:5e:00:01:3e, up, with the VIP on it and the
 * same IPv4 settings on it and on eth0; the adverts seen on lb02 (tcpdump -e) must leave from the virtual MAC and
 * from lb01's own address; on SIGTERM the BACKUP takes over, the VMAC is gone and eth0's settings are back.
 */
@Tag("netns")
@Tag("keepalived")
class VmacNetnsTest {
    static final String VMAC = "vrrp.62";
    static final String VIRTUAL_MAC = "00:00:5e:00:01:3e";
    static final List<String> VMAC_SETTINGS = List.of("arp_ignore", "arp_filter", "accept_local", "rp_filter",
            "promote_secondaries");
    VrrpLab lab;

    @BeforeEach
    void setUp() {
        Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/tcpdump")), "tcpdump is not installed (apt-get install tcpdump)");
        lab = VrrpLab.withKeepalived();
    }

    @AfterEach
    void tearDown() {
        if (lab != null) lab.close();
    }

    private Path conf(String name, String state, int priority, String extra) {
        return lab.write(name + ".conf", VrrpLab.conf(name, 2, state, priority, "1", null, List.of(), null, "  use_vmac\n"
                + extra));
    }

    /** What one router did with the VMAC while MASTER, and what was left after it stopped. */
    record Seen(String link, Map<String, String> settings, boolean vipOnVmac, boolean vipOnEth0, List<String> advertSources,
                List<String> igmpSources, Map<String, String> eth0Before, Map<String, String> eth0After, String linksAfter,
                String localIgmpAfter, String log) {}

    @Test
    void theVmacIsMadeAsKeepalivedMakesItAdvertsLeaveFromTheVirtualMacAndItGoesAtStop() throws Exception {
        LabProcess backup = lab.keepalived("lb02", conf("lb02", "BACKUP", 50, ""));
        Seen ka = runOnLb01(() -> lab.keepalived("lb01", conf("lb01ka", "MASTER", 100, "")), backup);
        System.out.println("keepalived 2.2.7 with use_vmac: " + ka);
        // keepalived 2.2.7 leaves eth0's arp_ignore and arp_filter at 1 after it stopped: put them back as they were
        for (var e : ka.eth0Before().entrySet()) lab.host("lb01").sysctl("net.ipv4.conf.eth0." + e.getKey(), e.getValue());
        Seen jl = runOnLb01(() -> lab.javalived("lb01", conf("lb01jl", "MASTER", 100, "")), backup);
        System.out.println("javalived with use_vmac: " + jl);

        assertThat(jl.link()).as(jl.log()).contains("macvlan mode private").contains("link/ether " + VIRTUAL_MAC)
                .contains(VMAC + "@eth0").containsPattern("<[A-Z_,]*\\bUP\\b[A-Z_,]*>");
        assertThat(jl.vipOnVmac()).as("the VIP is on the VMAC").isTrue();
        assertThat(jl.vipOnEth0()).as("and not on eth0").isFalse();
        assertThat(jl.advertSources()).as("adverts on the wire: source MAC and address").isNotEmpty()
                .allMatch(s -> s.equals(VIRTUAL_MAC + " 10.0.0.5"));
        assertThat(jl.linksAfter()).as("the VMAC is gone after stop").doesNotContain(VMAC);
        assertThat(ka.igmpSources()).as("keepalived sends no IGMP report from the virtual MAC (nftables moves them to eth0)")
                .noneMatch(x -> x.startsWith(VIRTUAL_MAC));
        assertThat(jl.igmpSources()).as("nor does javalived").noneMatch(x -> x.startsWith(VIRTUAL_MAC));
        assertThat(jl.localIgmpAfter()).as("igmp_link_local_mcast_reports put back at stop").isEqualTo("1");
        assertThat(jl.eth0After()).as("eth0's arp settings are put back").isEqualTo(jl.eth0Before()).isEqualTo(ka.eth0Before());

        // as keepalived 2.2.7 does it
        assertThat(flagsAndKind(jl.link())).isEqualTo(flagsAndKind(ka.link()));
        assertThat(jl.settings()).isEqualTo(ka.settings());
        assertThat(jl.advertSources()).allMatch(s -> ka.advertSources().contains(s));
        assertThat(ka.vipOnVmac()).isTrue();
        assertThat(ka.linksAfter()).doesNotContain(VMAC);
        assertThat(backup.isAlive()).isTrue();
    }

    /**
     * vmac_xmit_base: the VIP still on the VMAC, adverts from eth0's own MAC (as keepalived sends them); a VIP deleted
     * from the VMAC is put back; a reload whose file no longer has the instance removes the VMAC and the BACKUP takes over.
     */
    @Test
    void withXmitBaseAdvertsLeaveFromTheBaseAndAReloadWithoutTheInstanceRemovesTheVmac() throws Exception {
        LabHost lb01 = lab.host("lb01");
        String eth0Mac = mac(lb01, "eth0");
        LabProcess backup = lab.keepalived("lb02", conf("lb02", "BACKUP", 50, "  vmac_xmit_base\n"));
        Seen ka = runOnLb01(() -> lab.keepalived("lb01", conf("lb01ka", "MASTER", 100, "  vmac_xmit_base\n")), backup);
        System.out.println("keepalived 2.2.7 with use_vmac and vmac_xmit_base: adverts from " + ka.advertSources());
        assertThat(ka.advertSources()).containsExactly(eth0Mac + " 10.0.0.5");

        Path jconf = conf("lb01jl", "MASTER", 100, "  vmac_xmit_base\n");
        LabProcess dump = lab.host("lb02").start("tcpdump-xmit", List.of("tcpdump", "-l", "-n", "-e", "-i", "eth0",
                "ip proto 112 and src host 10.0.0.5"));
        Thread.sleep(500);
        LabProcess jl = lab.javalived("lb01", jconf);
        assertThat(awaitVipOn(lb01, VMAC, Duration.ofSeconds(20))).as(jl::output).isTrue();
        assertThat(awaitNoVipOn(lab.host("lb02"), VMAC, Duration.ofSeconds(5))).as("the peer releases the VIP").isTrue();
        assertThat(lb01.exec("ip", "-d", "-o", "link", "show", "dev", VMAC).stdout()).contains("macvlan mode private")
                .contains("link/ether " + VIRTUAL_MAC);

        lb01.exec("ip", "addr", "del", VrrpLab.VIP + "/24", "dev", VMAC);
        assertThat(awaitVipOn(lb01, VMAC, Duration.ofSeconds(3))).as(() -> "the VIP deleted from the VMAC is put back\n"
                + jl.output()).isTrue();
        assertThat(jl.output()).contains("(VI_1) VIP 10.0.0.3/24 on " + VMAC + " was deleted from outside; restored it, still MASTER");

        Files.writeString(jconf, "global_defs {\n  router_id lb01jl\n}\n");
        jl.signal("HUP");
        assertThat(awaitVipOn(lab.host("lb02"), VMAC, Duration.ofSeconds(10))).as(() -> "the BACKUP takes over after the reload\n"
                + jl.output()).isTrue();
        long end = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (lb01.exec("ip", "-o", "link", "show").stdout().contains(VMAC) && System.nanoTime() < end) Thread.sleep(50);
        assertThat(lb01.exec("ip", "-o", "link", "show").stdout()).as(jl::output).doesNotContain(VMAC);
        dump.signal("INT");
        dump.waitFor(Duration.ofSeconds(5));
        List<String> sources = dump.output().lines().map(VmacNetnsTest::sourceOf).filter(x -> !x.isEmpty()).distinct().toList();
        assertThat(sources).as("javalived's adverts with vmac_xmit_base").containsExactly(eth0Mac + " 10.0.0.5");
        assertThat(jl.isAlive()).isTrue();
        jl.stop(Duration.ofSeconds(10));
    }

    /**
     * An IPv6 instance: the VMAC has 00:00:5e:00:02:VRID, no address made from its MAC (addrgenmode none) but eth0's
     * link-local, which the adverts leave from, with the virtual MAC; keepalived 2.2.7 as the BACKUP takes over at stop.
     */
    @Test
    void anIpv6InstanceGetsTheIpv6VirtualMacAndSendsFromTheLinkLocalAddress() throws Exception {
        LabHost lb01 = lab.host("lb01");
        LabProcess backup = lab.keepalived("lb02", lab.write("ka6.conf", vmac6("lb02", "BACKUP", 50)));
        String linkLocal = lb01.exec("ip", "-6", "-o", "addr", "show", "dev", "eth0", "scope", "link").stdout()
                .replaceAll("(?s).*inet6 (\\S+)/64.*", "$1").trim();
        LabProcess dump = lab.host("lb02").start("tcpdump-v6", List.of("tcpdump", "-l", "-n", "-e", "-i", "eth0",
                "ip6 proto 112 and src host " + linkLocal));
        Thread.sleep(500);
        LabProcess jl = lab.javalived("lb01", lab.write("jl6.conf", vmac6("lb01", "MASTER", 100)));
        String link6 = "vrrp.66";
        long end = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!lb01.exec("ip", "-6", "-o", "addr", "show", "dev", link6).stdout().contains(" fd00::3/64") && System.nanoTime() < end) {
            Thread.sleep(50);
        }
        String addrs = lb01.exec("ip", "-6", "-o", "addr", "show", "dev", link6).stdout();
        assertThat(addrs).as(jl::output).contains(" fd00::3/64").contains(" " + linkLocal + "/64");
        assertThat(addrs.lines().filter(l -> l.contains("scope link")).count()).as("only eth0's link-local, none from the MAC")
                .isEqualTo(1);
        assertThat(lb01.exec("ip", "-d", "-o", "link", "show", "dev", link6).stdout()).contains("macvlan mode private")
                .contains("link/ether 00:00:5e:00:02:42").contains("addrgenmode none");
        Thread.sleep(1000);
        jl.signal("TERM");
        assertThat(jl.waitFor(Duration.ofSeconds(15))).isPresent();
        end = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!lab.host("lb02").exec("ip", "-6", "-o", "addr", "show", "dev", link6).stdout().contains(" fd00::3/64")
                && System.nanoTime() < end) {
            Thread.sleep(50);
        }
        assertThat(lab.host("lb02").exec("ip", "-6", "-o", "addr", "show", "dev", link6).stdout()).as(backup::output)
                .contains(" fd00::3/64");
        assertThat(lb01.exec("ip", "-o", "link", "show").stdout()).doesNotContain(link6);
        dump.signal("INT");
        dump.waitFor(Duration.ofSeconds(5));
        List<String> sources = dump.output().lines().map(l -> {
            Matcher m = Pattern.compile("(\\p{XDigit}{2}(?::\\p{XDigit}{2}){5}) > \\S+, ethertype IPv6.*?: (\\S+) > ").matcher(l);
            return m.find() ? m.group(1) + " " + m.group(2) : "";
        }).filter(x -> !x.isEmpty()).distinct().toList();
        assertThat(sources).as(dump.output()).containsExactly("00:00:5e:00:02:42 " + linkLocal);
    }

    /** Ipv6InteropTest's instance (VRID 66, fd00::3/64 on eth0) with use_vmac. */
    private static String vmac6(String id, String state, int prio) {
        return Ipv6InteropTest.conf(id, state, prio).replace("  advert_int 0.2\n", "  advert_int 0.2\n  use_vmac\n");
    }

    private static String mac(LabHost h, String dev) {
        return h.exec("ip", "-o", "link", "show", "dev", dev).stdout().replaceAll("(?s).*link/ether (\\S+).*", "$1").trim();
    }

    /** The link's kind, mode, MAC, flags and parent, as {@code ip -d link} prints them (no index, no counters). */
    private static String flagsAndKind(String link) {
        Matcher m = Pattern.compile(VMAC + "@eth0: (<[^>]*>).*link/ether (\\S+).*(macvlan mode \\S+)").matcher(link);
        return m.find() ? m.group(1) + " " + m.group(2) + " " + m.group(3) : link;
    }

    private Seen runOnLb01(Supplier<LabProcess> start, LabProcess backup) throws Exception {
        LabHost lb01 = lab.host("lb01");
        LabHost lb02 = lab.host("lb02");
        Map<String, String> eth0Before = settings(lb01, "eth0");
        // IGMP reports from a VMAC without an IPv4 address have source 0.0.0.0: all IGMP coming in to lb02
        LabProcess dump = lb02.start("tcpdump-" + System.nanoTime(), List.of("tcpdump", "-l", "-n", "-e", "-Q", "in", "-i",
                "eth0", "(ip proto 112 and src host 10.0.0.5) or igmp"));
        Thread.sleep(500);
        LabProcess router = start.get();
        try {
            assertThat(awaitVipOn(lb01, VMAC, Duration.ofSeconds(20))).as(() -> "MASTER with the VIP on " + VMAC + "\n"
                    + router.output()).isTrue();
            assertThat(awaitNoVipOn(lb02, VMAC, Duration.ofSeconds(5))).as(() -> "the peer releases the VIP\n" + backup.output())
                    .isTrue();
            Thread.sleep(2500); // a few adverts
            String link = lb01.exec("ip", "-d", "-o", "link", "show", "dev", VMAC).stdout();
            Map<String, String> s = new LinkedHashMap<>();
            settings(lb01, VMAC).forEach((k, v) -> s.put(VMAC + "." + k, v));
            settings(lb01, "eth0").forEach((k, v) -> s.put("eth0." + k, v));
            s.put(VMAC + ".disable_ipv6", lb01.exec("cat", "/proc/sys/net/ipv6/conf/" + VMAC + "/disable_ipv6").stdout().trim());
            s.put("all.rp_filter", lb01.exec("cat", "/proc/sys/net/ipv4/conf/all/rp_filter").stdout().trim());
            boolean onVmac = vipOn(lb01, VMAC);
            boolean onEth0 = vipOn(lb01, "eth0");
            router.signal("TERM");
            assertThat(router.waitFor(Duration.ofSeconds(15))).as(router::output).isPresent();
            assertThat(awaitVipOn(lb02, VMAC, Duration.ofSeconds(10))).as(() -> "the BACKUP takes over on stop\n" + backup.output())
                    .isTrue();
            Thread.sleep(300);
            dump.signal("INT");
            dump.waitFor(Duration.ofSeconds(5));
            List<String> sources = dump.output().lines().filter(l -> l.contains("VRRP")).map(VmacNetnsTest::sourceOf)
                    .filter(x -> !x.isEmpty()).distinct().toList();
            List<String> igmp = dump.output().lines().filter(l -> l.contains("igmp")).map(VmacNetnsTest::sourceOf)
                    .filter(x -> !x.isEmpty()).distinct().toList();
            String after = lb01.exec("ip", "-o", "link", "show").stdout();
            Seen seen = new Seen(link.trim(), s, onVmac, onEth0, sources, igmp, eth0Before, settings(lb01, "eth0"), after,
                    lb01.exec("cat", "/proc/sys/net/ipv4/igmp_link_local_mcast_reports").stdout().trim(), router.output());
            // hand the VIP back to lb01's next router: the BACKUP keeps it until then, so wait for it to release
            return seen;
        } finally {
            if (router.isAlive()) router.stop(Duration.ofSeconds(5));
            if (dump.isAlive()) dump.stop(Duration.ofSeconds(2));
        }
    }

    /** "SRCMAC SRCIP" of a tcpdump -e line of a VRRP packet. */
    private static String sourceOf(String line) {
        Matcher m = Pattern.compile("(\\p{XDigit}{2}(?::\\p{XDigit}{2}){5}) > \\S+, ethertype IPv4.*?: (\\d+\\.\\d+\\.\\d+\\.\\d+) > ")
                .matcher(line);
        return m.find() ? m.group(1) + " " + m.group(2) : "";
    }

    private static Map<String, String> settings(LabHost h, String dev) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String k : VMAC_SETTINGS) {
            out.put(k, h.exec("cat", "/proc/sys/net/ipv4/conf/" + dev + "/" + k).stdout().trim());
        }
        return out;
    }

    private static boolean vipOn(LabHost h, String dev) {
        return h.exec("ip", "-4", "-o", "addr", "show", "dev", dev).stdout().contains(" " + VrrpLab.VIP + "/24");
    }

    private static boolean awaitNoVipOn(LabHost h, String dev, Duration timeout) throws InterruptedException {
        long end = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < end) {
            if (!vipOn(h, dev)) return true;
            Thread.sleep(50);
        }
        return !vipOn(h, dev);
    }

    private static boolean awaitVipOn(LabHost h, String dev, Duration timeout) throws InterruptedException {
        long end = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < end) {
            if (vipOn(h, dev)) return true;
            Thread.sleep(50);
        }
        return vipOn(h, dev);
    }
}
