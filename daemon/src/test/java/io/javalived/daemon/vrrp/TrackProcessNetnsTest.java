package io.javalived.daemon.vrrp;

import static org.assertj.core.api.Assertions.assertThat;

import io.javalived.lab.LabProcess;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * track_process in the seed lab: javalived on lb01 follows two processes started in lb01's namespace, the adverts
 * read on lb02. Killing the weighted one lowers the advertised priority by its weight and starting it again raises
 * it back; killing the weight-0 one puts the instance in FAULT (VIP gone, no adverts) until it runs again.
 * keepalived 2.2.7 with the same file in the same namespace cannot follow processes at all (the kernel sends process
 * events to the initial network namespace only): it logs "Failed to set/clear process event listen" and its
 * instance stays in FAULT with both processes running.
 */
@Tag("netns")
@Tag("keepalived")
class TrackProcessNetnsTest {
    VrrpLab lab;
    final String marker = String.valueOf(70_000 + ProcessHandle.current().pid() % 10_000);

    @BeforeEach
    void setUp() {
        lab = VrrpLab.withKeepalived();
    }

    @AfterEach
    void tearDown() {
        if (lab != null) lab.close();
    }

    private Path conf(String name) {
        String blocks = """
                vrrp_track_process must {
                    process sleep %s1
                }
                vrrp_track_process nice {
                    process sleep %s2
                    weight -30
                }
                """.formatted(marker, marker);
        return lab.write(name, blocks + VrrpLab.conf("lb01", 3, "MASTER", 100, "0.1", null, List.of(), null,
                "  track_process {\n    must\n    nice\n  }\n"));
    }

    private LabProcess sleeper(String suffix) {
        return lab.host("lb01").start("sleep-" + suffix, List.of("sleep", marker + suffix));
    }

    private static void kill(LabProcess p) {
        p.signal("KILL");
        p.waitFor(Duration.ofSeconds(5));
    }

    @Test
    void javalivedFollowsTheProcessesOnTheWire() throws Exception {
        LabProcess must = sleeper("1");
        LabProcess nice = sleeper("2");
        InetAddress lb01 = InetAddress.getByName("10.0.0.5");
        try (WireAdverts wire = WireAdverts.on(lab.host("lb02"))) {
            LabProcess p = lab.javalived("lb01", conf("javalived.conf"));
            try {
                assertThat(wire.await(0, s -> s.source().equals(lb01) && s.priority() == 100, Duration.ofSeconds(40)))
                        .as(() -> "MASTER at 100 with both running\n" + p.output()).isNotNull();

                long t = System.nanoTime();
                kill(nice);
                WireAdverts.Seen down = wire.await(t, s -> s.source().equals(lb01) && s.priority() == 70, Duration.ofSeconds(5));
                assertThat(down).as(() -> "weighted process killed: 70\n" + p.output()).isNotNull();
                System.out.printf("track_process: weighted process killed -> priority 70 on the wire after %d ms%n",
                        (down.atNanos() - t) / 1_000_000);
                assertThat(p.output()).contains("Quorum lost for tracked process nice");

                t = System.nanoTime();
                nice = sleeper("2");
                assertThat(wire.await(t, s -> s.source().equals(lb01) && s.priority() == 100, Duration.ofSeconds(5)))
                        .as(() -> "started again: 100\n" + p.output()).isNotNull();

                t = System.nanoTime();
                kill(must);
                assertThat(lab.awaitVip("lb01", false, Duration.ofSeconds(5))).as(() -> "FAULT\n" + p.output()).isTrue();
                System.out.printf("track_process: weight-0 process killed -> VIP gone after %d ms%n",
                        (System.nanoTime() - t) / 1_000_000);
                Thread.sleep(300);
                long quiet = System.nanoTime();
                Thread.sleep(1000);
                assertThat(wire.since(quiet)).as("no adverts in FAULT").noneMatch(s -> s.source().equals(lb01));
                assertThat(p.output()).contains("FAULT");

                must = sleeper("1");
                assertThat(wire.await(System.nanoTime(), s -> s.source().equals(lb01) && s.priority() == 100,
                        Duration.ofSeconds(10))).as(() -> "back when it runs again\n" + p.output()).isNotNull();
                assertThat(lab.awaitVip("lb01", true, Duration.ofSeconds(5))).isTrue();
            } finally {
                p.signal("TERM");
                p.waitFor(Duration.ofSeconds(10));
                kill(must);
                kill(nice);
            }
        }
    }

    @Test
    void keepalivedInANamespaceCannotFollowProcessesAndStaysInFault() throws Exception {
        LabProcess must = sleeper("1");
        LabProcess nice = sleeper("2");
        LabProcess k = lab.keepalived("lb01", conf("keepalived.conf"));
        try {
            assertThat(k.awaitOutput("Failed to set/clear process event listen", Duration.ofSeconds(20)))
                    .as(k::output).isTrue();
            Thread.sleep(2000);
            assertThat(k.output()).contains("entering FAULT state (tracked process must quorum not achieved)")
                    .doesNotContain("Entering MASTER STATE");
            assertThat(lab.hasVip("lb01")).isFalse();
        } finally {
            k.signal("TERM");
            k.waitFor(Duration.ofSeconds(10));
            kill(must);
            kill(nice);
        }
    }
}
