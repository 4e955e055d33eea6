package io.javalived.vrrp.netns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.javalived.lab.LabHost;
import io.javalived.lab.Netns;
import io.javalived.net.netns.InNamespace;
import io.javalived.vrrp.packet.IpFamily;
import io.javalived.vrrp.runtime.LinuxPlatform;
import io.javalived.vrrp.runtime.NetworkActionException;
import io.javalived.vrrp.runtime.Vmac;
import io.javalived.vrrp.runtime.VmacLinks;
import io.javalived.vrrp.runtime.VmacLinksContract;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** LinuxPlatform's VMACs (linux-net's LinkControl) against the VMAC contract, in lb01 of the seed topology. */
@Tag("netns")
class MacvlanVmacsNetnsTest extends VmacLinksContract {
    Netns lab;
    LabHost lb01;
    final List<LinuxPlatform> daemons = new ArrayList<>();

    @BeforeEach
    void lab() {
        var a = Netns.availability();
        Assumptions.assumeTrue(a.available(), a.reason());
        lab = Netns.seed();
        lb01 = lab.host("lb01");
    }

    @AfterEach
    void close() throws Exception {
        for (LinuxPlatform p : daemons) inside(() -> {
            p.close();
            return null;
        });
        if (lab != null) lab.close();
    }

    private <T> T inside(Callable<T> body) {
        try {
            return InNamespace.call(lb01.namespacePath(), body);
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** A new LinuxPlatform in lb01, every call made from a thread in lb01 (the sysctls are the namespace's). */
    @Override
    protected VmacLinks links() {
        LinuxPlatform p = inside(LinuxPlatform::new);
        daemons.add(p);
        return new VmacLinks() {
            @Override
            public void create(Vmac v) {
                inside(() -> {
                    p.vmacs().create(v);
                    return null;
                });
            }

            @Override
            public void remove(Vmac v) {
                inside(() -> {
                    p.vmacs().remove(v);
                    return null;
                });
            }
        };
    }

    @Override
    protected Optional<String> macOf(String name) {
        var r = lb01.exec("ip", "-o", "link", "show", "dev", name);
        if (r.exitCode() != 0) return Optional.empty();
        return Optional.of(r.stdout().replaceAll("(?s).*link/ether (\\S+).*", "$1").trim());
    }

    @Override
    protected void addOtherInterface(String name) {
        lb01.execOrThrow("ip", "link", "add", name, "type", "veth", "peer", "name", "peer-" + name.replace(".", ""));
    }

    @Test
    void aLeftoverMacvlanWithAnotherModeAndMacIsSetRightAndKeepalivedsSettingsAreMade() {
        lb01.execOrThrow("ip", "link", "add", "link", "eth0", "name", "vrrp.70", "type", "macvlan", "mode", "bridge");
        VmacLinks l = links();
        l.create(VMAC);
        String shown = lb01.execOrThrow("ip", "-d", "-o", "link", "show", "dev", "vrrp.70").stdout();
        assertThat(shown).contains("macvlan mode private").contains("link/ether 00:00:5e:00:01:46").contains(",UP,");
        for (var k : List.of("arp_ignore 1", "accept_local 1", "rp_filter 0", "promote_secondaries 1")) {
            String[] kv = k.split(" ");
            assertThat(lb01.execOrThrow("cat", "/proc/sys/net/ipv4/conf/vrrp.70/" + kv[0]).stdout().trim()).as(kv[0]).isEqualTo(kv[1]);
        }
        assertThat(lb01.execOrThrow("cat", "/proc/sys/net/ipv6/conf/vrrp.70/disable_ipv6").stdout().trim()).isEqualTo("1");
        assertThat(lb01.execOrThrow("cat", "/proc/sys/net/ipv4/conf/eth0/arp_ignore").stdout().trim()).isEqualTo("1");
        l.remove(VMAC);
        assertThat(lb01.execOrThrow("cat", "/proc/sys/net/ipv4/conf/eth0/arp_ignore").stdout().trim()).as("put back").isEqualTo("0");
    }

    @Test
    void allRpFilterIsClearedAfterRaisingEveryInterfaceAndPutBackAfter() {
        lb01.sysctl("net.ipv4.conf.all.rp_filter", "1");
        VmacLinks l = links();
        l.create(VMAC);
        assertThat(lb01.execOrThrow("cat", "/proc/sys/net/ipv4/conf/all/rp_filter").stdout().trim()).isEqualTo("0");
        assertThat(lb01.execOrThrow("cat", "/proc/sys/net/ipv4/conf/eth0/rp_filter").stdout().trim()).as("eth0 filters as before")
                .isEqualTo("1");
        assertThat(lb01.execOrThrow("cat", "/proc/sys/net/ipv4/conf/vrrp.70/rp_filter").stdout().trim()).isEqualTo("0");
        l.remove(VMAC);
        assertThat(lb01.execOrThrow("cat", "/proc/sys/net/ipv4/conf/all/rp_filter").stdout().trim()).isEqualTo("1");
        assertThat(lb01.execOrThrow("cat", "/proc/sys/net/ipv4/conf/eth0/rp_filter").stdout().trim()).isEqualTo("0");
    }

    @Test
    void aMissingBaseInterfaceIsNamed() {
        Vmac v = new Vmac("vrrp.72", "eth7", Vmac.standardMac(72, IpFamily.IPV4), IpFamily.IPV4, Optional.empty());
        VmacLinks l = links();
        assertThatThrownBy(() -> l.create(v)).isInstanceOf(NetworkActionException.class)
                .hasMessage("cannot create VMAC interface vrrp.72: interface eth7 does not exist");
    }
}
