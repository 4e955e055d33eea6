package io.javalived.vrrp.netns;

import static org.assertj.core.api.Assertions.assertThat;

import io.javalived.lab.LabProcess;
import io.javalived.lab.Netns;
import io.javalived.net.netns.InNamespace;
import io.javalived.net.rtnl.Link;
import io.javalived.net.rtnl.RouteNetlink;
import io.javalived.net.socket.Ipv4VrrpSocket;
import io.javalived.vrrp.packet.Advert;
import io.javalived.vrrp.packet.AdvertCodec;
import io.javalived.vrrp.packet.AuthData;
import io.javalived.vrrp.packet.AuthType;
import io.javalived.vrrp.packet.ChecksumMode;
import io.javalived.vrrp.packet.IpFamily;
import io.javalived.vrrp.packet.Ipv4Header;
import io.javalived.vrrp.receive.AdvertValidator;
import io.javalived.vrrp.receive.Expectations;
import io.javalived.vrrp.receive.ReceivedPacket;
import io.javalived.vrrp.receive.Reception;
import io.javalived.vrrp.runtime.LinuxPlatform;
import io.javalived.vrrp.state.Vip;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** rtnetlink, the VRRP raw socket and AF_PACKET announcements on real namespaces (the seed topology). */
@Tag("netns")
class LinuxPlatformNetnsTest {
    static Netns lab;

    @BeforeAll
    static void lab() {
        var a = Netns.availability();
        Assumptions.assumeTrue(a.available(), a.reason());
        lab = Netns.seed();
    }

    @AfterAll
    static void close() {
        if (lab != null) lab.close();
    }

    static Inet4Address v4(String s) throws Exception {
        return (Inet4Address) InetAddress.getByName(s);
    }

    @Test
    void vipIsAddedWithPrefixAndLabelAndRemovedIdempotently() throws Exception {
        var lb01 = lab.host("lb01");
        Vip vip = new Vip(v4("10.0.0.3"), 24, "eth0", Optional.of("eth0:0"), Vip.SCOPE_GLOBAL, Optional.empty(), Optional.empty());
        InNamespace.call(lb01.namespacePath(), () -> {
            try (LinuxPlatform p = new LinuxPlatform()) {
                p.vips().add(vip);
                p.vips().add(vip); // idempotent
                assertThat(p.primaryAddress("eth0", IpFamily.IPV4)).contains(v4("10.0.0.5"));
            }
            return null;
        });
        String shown = lb01.execOrThrow("ip", "-4", "addr", "show", "dev", "eth0").stdout();
        assertThat(shown).contains("inet 10.0.0.3/24").contains("eth0:0");
        InNamespace.call(lb01.namespacePath(), () -> {
            try (LinuxPlatform p = new LinuxPlatform()) {
                p.vips().remove(vip);
                p.vips().remove(vip);
            }
            return null;
        });
        assertThat(lb01.execOrThrow("ip", "-4", "addr", "show", "dev", "eth0").stdout()).doesNotContain("10.0.0.3");
    }

    @Test
    void vipIsRemovedFromAnInterfaceThatIsDown() throws Exception {
        var web01 = lab.host("web01");
        Vip vip = new Vip(v4("10.0.0.3"), 24, "eth0", Optional.of("eth0:0"), Vip.SCOPE_GLOBAL, Optional.empty(), Optional.empty());
        try {
            InNamespace.call(web01.namespacePath(), () -> {
                try (LinuxPlatform p = new LinuxPlatform()) {
                    p.vips().add(vip);
                    web01.execOrThrow("ip", "link", "set", "eth0", "down");
                    p.vips().remove(vip);
                }
                return null;
            });
            assertThat(web01.execOrThrow("ip", "-4", "addr", "show", "dev", "eth0").stdout()).doesNotContain("10.0.0.3");
        } finally {
            web01.execOrThrow("ip", "link", "set", "eth0", "up");
        }
    }

    @Test
    void linkLookupSeesStateAndMac() throws Exception {
        var lb01 = lab.host("lb01");
        Link l = InNamespace.call(lb01.namespacePath(), () -> {
            try (RouteNetlink rt = RouteNetlink.open()) {
                return rt.requireLink("eth0");
            }
        });
        assertThat(l.up()).isTrue();
        assertThat(l.multicast()).isTrue();
        assertThat(lb01.execOrThrow("ip", "link", "show", "eth0").stdout()).contains(l.mac());
        assertThat(InNamespace.call(lb01.namespacePath(), () -> {
            try (RouteNetlink rt = RouteNetlink.open()) {
                return rt.link("nosuch0");
            }
        })).isEmpty();
    }

    @Test
    void advertCrossesTheBridgeWithTtl255AndPassesTheChecks() throws Exception {
        var lb01 = lab.host("lb01");
        var lb02 = lab.host("lb02");
        Ipv4VrrpSocket rx = InNamespace.call(lb02.namespacePath(), () -> {
            Ipv4VrrpSocket s = Ipv4VrrpSocket.open("eth0", v4("10.0.0.6"));
            s.joinGroup(AdvertValidator.VRRP_GROUP_V4);
            return s;
        });
        Ipv4VrrpSocket tx = InNamespace.call(lb01.namespacePath(), () -> Ipv4VrrpSocket.open("eth0", v4("10.0.0.5")));
        try (rx; tx) {
            Advert a = Advert.v2(62, 100, AuthType.PASS, AuthData.password("1234"), 1, List.of(v4("10.0.0.3")));
            byte[] m = AdvertCodec.encode(a, ChecksumMode.PLAIN);
            tx.send(AdvertValidator.VRRP_GROUP_V4,
                    Ipv4Header.frame(Ipv4Header.forAdvert(v4("10.0.0.5"), AdvertValidator.VRRP_GROUP_V4, 255, 9, m.length), m));
            byte[] got = null;
            for (int i = 0; i < 20 && got == null; i++) got = rx.receive(Duration.ofMillis(100));
            assertThat(got).as("advert received on lb02").isNotNull();
            var want = new Expectations(a.version(), IpFamily.IPV4, 62, AuthType.PASS, AuthData.password("1234"), 100,
                    false, AdvertValidator.VRRP_GROUP_V4, List.of(), false, false, List.of(v4("10.0.0.3")), false);
            assertThat(AdvertValidator.check(new ReceivedPacket.Ipv4Datagram(got), want))
                    .isInstanceOfSatisfying(Reception.Accepted.class, r -> {
                        assertThat(r.ttl()).isEqualTo(255);
                        assertThat(r.source().getHostAddress()).isEqualTo("10.0.0.5");
                        assertThat(r.advert()).isEqualTo(a);
                    });
            assertThat(Ipv4Header.decode(got, got.length).tos()).isEqualTo(0xC0);
        }
    }

    @Test
    void gratuitousArpIsSeenOnTheLan() throws Exception {
        var lb01 = lab.host("lb01");
        var lb02 = lab.host("lb02");
        LabProcess dump = lb02.start("tcpdump-arp", List.of("tcpdump", "-l", "-n", "-e", "-i", "eth0", "-c", "3", "arp"));
        Thread.sleep(800);
        Vip vip = Vip.of(v4("10.0.0.3"), 24, "eth0");
        InNamespace.call(lb01.namespacePath(), () -> {
            try (LinuxPlatform p = new LinuxPlatform()) {
                p.announcer().announce(vip, 3);
            }
            return null;
        });
        dump.waitFor(Duration.ofSeconds(5));
        String out = dump.output();
        String mac = lb01.execOrThrow("cat", "/sys/class/net/eth0/address").stdout().trim();
        assertThat(out).contains(mac + " > ff:ff:ff:ff:ff:ff").contains("Request who-has 10.0.0.3 (ff:ff:ff:ff:ff:ff) tell 10.0.0.3");
        assertThat(out).contains("3 packets captured");
    }

    /**
     * The address watcher hears an {@code ip addr del} from outside; the link watcher reports a rename, and VIPs and
     * announcements go on working on the renamed interface (followed by its index). In web02, which no other test here uses.
     */
    @Test
    void addressRemovalsAndInterfaceRenamesAreSeenAndFollowed() throws Exception {
        var web02 = lab.host("web02");
        Vip vip = Vip.of(v4("192.168.56.99"), 24, "eth0");
        try {
            InNamespace.call(web02.namespacePath(), () -> {
                try (LinuxPlatform p = new LinuxPlatform()) {
                    var removed = new java.util.concurrent.LinkedBlockingQueue<InetAddress>();
                    var renames = new java.util.concurrent.LinkedBlockingQueue<String>();
                    p.addresses().onRemoved(removed::add);
                    p.links().onRename((from, to) -> renames.add(from + ">" + to));
                    p.vips().add(vip);
                    awaitTrue(() -> p.addresses().present(vip));
                    web02.execOrThrow("ip", "addr", "del", "192.168.56.99/24", "dev", "eth0");
                    assertThat(removed.poll(5, java.util.concurrent.TimeUnit.SECONDS)).isEqualTo(vip.address());
                    assertThat(p.addresses().present(vip)).isFalse();

                    web02.execOrThrow("ip", "link", "set", "eth0", "down");
                    web02.execOrThrow("ip", "link", "set", "eth0", "name", "eth9");
                    web02.execOrThrow("ip", "link", "set", "eth9", "up");
                    assertThat(renames.poll(5, java.util.concurrent.TimeUnit.SECONDS)).isEqualTo("eth0>eth9");
                    awaitTrue(() -> p.links().isUp("eth9"));
                    assertThat(p.links().isUp("eth0")).as("the old name is gone").isFalse();
                    p.vips().add(vip); // configured on eth0: the same interface, by its index
                    awaitTrue(() -> p.addresses().present(vip));
                    p.announcer().announce(vip, 1);
                }
                return null;
            });
            assertThat(web02.execOrThrow("ip", "-4", "addr", "show", "dev", "eth9").stdout()).contains("192.168.56.99/24");
        } finally {
            web02.exec("ip", "link", "set", "eth9", "down");
            web02.exec("ip", "link", "set", "eth9", "name", "eth0");
            web02.exec("ip", "link", "set", "eth0", "up");
            web02.exec("ip", "addr", "del", "192.168.56.99/24", "dev", "eth0");
        }
    }

    private static void awaitTrue(java.util.function.BooleanSupplier c) throws InterruptedException {
        for (int i = 0; i < 250 && !c.getAsBoolean(); i++) Thread.sleep(20);
        assertThat(c.getAsBoolean()).isTrue();
    }
}
