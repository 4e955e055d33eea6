package io.javalived.daemon.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.javalived.parser.KeepalivedParser;
import io.javalived.parser.ParseOptions;
import io.javalived.parser.diag.Diagnostic;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** -t's host checks on a fixed set of interfaces (the namespace test runs them against rtnetlink and keepalived). */
class HostChecksTest {
    @TempDir
    Path dir;

    @Test
    void eachMissingInterfaceIsReportedInKeepalivedsWordsThenItsClosingLine() throws Exception {
        Path file = Files.writeString(dir.resolve("keepalived.conf"), """
                vrrp_sync_group G {
                    group {
                        VI_1
                        VI_2
                    }
                    track_interface {
                        eth7
                    }
                }
                vrrp_instance VI_1 {
                    interface eth1
                    virtual_router_id 51
                    track_interface {
                        eth0
                        eth3
                    }
                    virtual_ipaddress {
                        10.0.0.3/24 dev eth2
                    }
                }
                vrrp_instance VI_2 {
                    interface eth0
                    virtual_router_id 52
                    virtual_ipaddress {
                        10.0.0.4/24
                    }
                }
                """);
        var config = KeepalivedParser.parse(file, new ParseOptions("lb01", "lb01")).config();
        List<Diagnostic> found = HostChecks.check(config, HostInterfaces.of(Set.of("lo", "eth0")));
        String at = "(" + file + ": Line ";
        assertThat(found).extracting(Diagnostic::format).containsExactly(
                at + "11) WARNING - interface eth1 for vrrp_instance VI_1 doesn't exist [warning KA500]",
                at + "15) (VI_1) tracked interface eth3 doesn't exist [warning KA500]",
                at + "18) WARNING - interface eth2 for ip address 10.0.0.3 doesn't exist [warning KA500]",
                at + "7) (G) tracked interface eth7 doesn't exist [warning KA500]",
                "Non-existent interface specified in configuration [warning KA500]");
        assertThat(HostChecks.check(config, HostInterfaces.of(Set.of("lo", "eth0", "eth1", "eth2", "eth3", "eth7")))).isEmpty();
    }

    @Test
    void aHostWhoseInterfacesCannotBeReadSaysSoAndChecksNothing() throws Exception {
        Path file = Files.writeString(dir.resolve("keepalived.conf"), "vrrp_instance VI_1 {\n interface eth1\n"
                + " virtual_router_id 51\n virtual_ipaddress {\n  10.0.0.3\n }\n}\n");
        var config = KeepalivedParser.parse(file, new ParseOptions("lb01", "lb01")).config();
        List<Diagnostic> found = HostChecks.check(config, () -> {
            throw new IllegalStateException("no netlink here");
        });
        assertThat(found).singleElement().satisfies(d -> assertThat(d.format())
                .isEqualTo("This host's interfaces cannot be read (no netlink here); interfaces not checked [info KA500]"));
    }
}
