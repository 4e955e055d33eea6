package io.javalived.daemon.dump;

import static org.assertj.core.api.Assertions.assertThat;

import io.javalived.lab.LabProcess;
import io.javalived.lab.Netns;
import io.javalived.lab.Topology;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * keepalived's default dump paths with a live daemon (one VRRP MASTER in a namespace, no *_dump_file in its
 * configuration): SIGUSR1 writes /tmp/keepalived.data, SIGUSR2 /tmp/keepalived.stats. Those paths are shared with
 * any real keepalived on this machine: when either file is already there the test skips rather than overwrite it,
 * and it removes the files it made.
 */
@Tag("netns")
class DefaultDumpPathsTest {
    static final Path DATA = Path.of("/tmp/keepalived.data");
    static final Path STATS = Path.of("/tmp/keepalived.stats");

    Netns lab;
    boolean ours;

    @BeforeEach
    void setUp() {
        var a = Netns.availability();
        Assumptions.assumeTrue(a.available(), a.reason());
        for (Path p : List.of(DATA, STATS)) {
            Assumptions.assumeFalse(Files.exists(p), p + " exists (a real keepalived's dump?): not overwriting it");
        }
        ours = true;
        lab = Netns.create(Topology.builder().lan("lan").host("lb01", h -> h.nic("eth0", "lan", "10.0.0.5/24")).build());
    }

    @AfterEach
    void tearDown() throws Exception {
        if (lab != null) {
            lab.close();
        }
        if (ours) {
            Files.deleteIfExists(DATA);
            Files.deleteIfExists(STATS);
        }
    }

    @Test
    void usr1AndUsr2WriteKeepalivedsDefaultFiles() throws Exception {
        Path dir = lab.dir();
        Path conf = Files.writeString(dir.resolve("keepalived.conf"), """
                global_defs {
                    router_id dump_defaults
                }
                vrrp_instance VI_DUMP {
                    state MASTER
                    interface eth0
                    virtual_router_id 77
                    priority 100
                    advert_int 1
                    virtual_ipaddress {
                        10.0.0.3/24
                    }
                }
                """);
        LabProcess daemon = lab.host("lb01").start("javalived", List.of(ProcessHandle.current().info().command().orElse("java"),
                "--enable-native-access=ALL-UNNAMED", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                "-cp", System.getProperty("java.class.path"), "io.javalived.daemon.Main", "-n", "-l", "-G", "-P",
                "-f", conf.toString(), "-p", dir.resolve("j.pid").toString(), "-r", dir.resolve("j_vrrp.pid").toString(),
                "--status-listen", "off"));
        assertThat(daemon.awaitOutput("Entering MASTER STATE", Duration.ofSeconds(30))).as(daemon.output()).isTrue();
        assertThat(daemon.awaitOutput("dump signals:", Duration.ofSeconds(10))).as(daemon.output()).isTrue();

        daemon.signal("USR1");
        assertThat(daemon.awaitOutput("wrote the data dump to " + DATA, Duration.ofSeconds(10))).as(daemon.output()).isTrue();
        assertThat(Files.readString(DATA)).contains(" Router ID = dump_defaults", " VRRP Instance = VI_DUMP", "   State = MASTER");
        daemon.signal("USR2");
        assertThat(daemon.awaitOutput("wrote the stats dump to " + STATS, Duration.ofSeconds(10))).as(daemon.output()).isTrue();
        assertThat(Files.readString(STATS)).contains("VRRP Instance: VI_DUMP", "Became master: 1");
    }
}
