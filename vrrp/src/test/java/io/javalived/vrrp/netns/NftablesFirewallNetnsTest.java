package io.javalived.vrrp.netns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.javalived.lab.LabHost;
import io.javalived.lab.Netns;
import io.javalived.net.netns.InNamespace;
import io.javalived.vrrp.runtime.FirewallSettings;
import io.javalived.vrrp.runtime.NetworkActionException;
import io.javalived.vrrp.runtime.NftablesFirewall;
import io.javalived.vrrp.runtime.VipFirewall;
import io.javalived.vrrp.runtime.VipFirewallContract;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The firewall contract on the kernel: {@link NftablesFirewall} in lb01's namespace (each call made there), what it
 * drops read back with {@code nft list set ip keepalived vips} (nft is the test's observer only).
 */
@Tag("netns")
class NftablesFirewallNetnsTest extends VipFirewallContract {
    static Netns lab;
    static LabHost lb01;

    @BeforeAll
    static void lab() {
        var a = Netns.availability();
        Assumptions.assumeTrue(a.available(), a.reason());
        Assumptions.assumeTrue(new java.io.File("/usr/sbin/nft").canExecute(), "nft (package nftables) is not installed");
        lab = Netns.seed();
        lb01 = lab.host("lb01");
    }

    @AfterAll
    static void close() {
        if (lab != null) lab.close();
    }

    static <T> T in(Callable<T> body) {
        try {
            return InNamespace.call(lb01.namespacePath(), body);
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    protected VipFirewall create() {
        NftablesFirewall real = new NftablesFirewall(FirewallSettings.defaults());
        return new VipFirewall() {
            public void block(Collection<InetAddress> a) {
                in(() -> { real.block(a); return null; });
            }

            public void unblock(Collection<InetAddress> a) {
                in(() -> { real.unblock(a); return null; });
            }

            public Set<InetAddress> blocked() {
                return real.blocked();
            }

            public void close() {
                in(() -> { real.close(); return null; });
            }
        };
    }

    @Override
    protected List<InetAddress> droppedNow() {
        var r = lb01.exec("nft", "list", "set", "ip", "keepalived", "vips");
        if (r.exitCode() != 0) return List.of();   // no table: nothing dropped
        Matcher m = Pattern.compile("elements = \\{([^}]*)}").matcher(r.stdout());
        List<InetAddress> out = new ArrayList<>();
        if (m.find()) {
            for (String s : m.group(1).split(",")) out.add(ip(s.trim()));
        }
        return out;
    }

    @Test
    void aLeftoverTableIsReplacedAndTheRulesetIsKeepalivedsShape() {
        lb01.execOrThrow("nft", "add", "table", "ip", "keepalived");
        lb01.execOrThrow("nft", "add", "chain", "ip", "keepalived", "stale");
        firewall.block(List.of(ip("10.0.0.3")));
        String ruleset = lb01.execOrThrow("nft", "list", "table", "ip", "keepalived").stdout();
        assertThat(ruleset).doesNotContain("stale")
                .contains("type filter hook output priority filter - 1; policy accept;", "ip saddr @vips drop",
                        "type filter hook input priority filter - 1; policy accept;", "ip daddr @vips drop");
    }

    @Test
    void anIpv6AddressIsRefusedWithItsName() {
        assertThatThrownBy(() -> firewall.block(List.of(ip("fd00::3"))))
                .isInstanceOf(NetworkActionException.class).hasMessageContaining(ip("fd00::3").getHostAddress()).hasMessageContaining("IPv4 only");
    }
}
