package io.javalived.daemon.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.javalived.parser.KeepalivedParser;
import io.javalived.parser.ParseOptions;
import io.javalived.parser.diag.Diagnostic;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * track_file / vrrp_track_file / vrrp_track_process (blocks, instance and sync group lists) and vrrp_garp_interval,
 * vrrp_gna_interval, vrrp_startup_delay, log_unknown_vrids are applied: -t, config, start and reload say nothing of them.
 */
class TrackersAppliedTest {
    @TempDir
    Path dir;

    @Test
    void noneIsReportedAsNotApplied() throws Exception {
        Path f = Files.writeString(dir.resolve("keepalived.conf"), """
                global_defs {
                    vrrp_garp_interval 0.01
                    vrrp_gna_interval 0.01
                    vrrp_startup_delay 5
                    log_unknown_vrids
                }
                track_file tf {
                    file /run/tf
                    weight 2
                }
                vrrp_track_file old {
                    file /run/old
                }
                vrrp_track_process p {
                    process sleep 100
                    quorum 1
                }
                vrrp_sync_group G {
                    group {
                        VI_1
                        VI_2
                    }
                    track_file {
                        tf
                    }
                    track_process {
                        p
                    }
                }
                vrrp_instance VI_1 {
                    interface eth0
                    virtual_router_id 51
                    track_file {
                        old weight 0
                    }
                    track_process {
                        p
                    }
                    virtual_ipaddress {
                        10.0.0.3/24
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
        var parsed = KeepalivedParser.parse(f, new ParseOptions("lb01", "lb01"));
        assertThat(parsed.diagnostics()).extracting(Diagnostic::format).as("only keepalived's deprecation note")
                .singleElement().asString().contains("vrrp_track_file is deprecated - please use 'track_file'");
        assertThat(NotApplied.of(parsed.config())).extracting(Diagnostic::format).isEmpty();
    }
}
