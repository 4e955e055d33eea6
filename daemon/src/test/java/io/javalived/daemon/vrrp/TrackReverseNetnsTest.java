package io.javalived.daemon.vrrp;

import static org.assertj.core.api.Assertions.assertThat;

import io.javalived.lab.LabProcess;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code reverse} on track_script weights, the same config run by keepalived 2.2.7 and by javalived on lb01, the
 * adverts read on lb02: reverse negates the weight and does not swap up and down, so {@code weight 10 reverse} takes
 * 10 off while its script succeeds and {@code weight -20 reverse} adds 20 while its script fails.
 */
@Tag("netns")
@Tag("keepalived")
class TrackReverseNetnsTest extends WithKeepalivedLab {

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"keepalived", "javalived"})
    void reverseNegatesTheWeightOnTheWire(String router) throws Exception {
        Path a = lab.lab.dir().resolve("a-" + router);
        Path b = lab.lab.dir().resolve("b-" + router);
        Files.writeString(a, "");
        Files.deleteIfExists(b);
        String blocks = """
                vrrp_script up10 {
                    script "/usr/bin/test -e %s"
                    interval 1
                    weight 10 reverse
                }
                vrrp_script down20 {
                    script "/usr/bin/test -e %s"
                    interval 1
                    weight -20 reverse
                }
                """.formatted(a, b);
        Path conf = lab.write(router + ".conf", blocks + VrrpLab.conf("lb01", 3, "MASTER", 100, "0.1", null, List.of(), null,
                "  track_script {\n    up10\n    down20\n  }\n"));
        InetAddress lb01 = InetAddress.getByName("10.0.0.5");
        try (WireAdverts wire = WireAdverts.on(lab.host("lb02"))) {
            LabProcess p = router.equals("keepalived") ? lab.keepalived("lb01", conf) : lab.javalived("lb01", conf);
            try {
                // up10 succeeds (-10), down20 fails (+20)
                assertThat(wire.await(0, s -> s.source().equals(lb01) && s.priority() == 110, Duration.ofSeconds(40)))
                        .as(() -> router + " advertises 110\n" + p.output()).isNotNull();
                long t = System.nanoTime();
                Files.writeString(b, ""); // down20 succeeds: counts nothing
                assertThat(wire.await(t, s -> s.source().equals(lb01) && s.priority() == 90, Duration.ofSeconds(10)))
                        .as(() -> router + " advertises 90 once down20 succeeds\n" + p.output()).isNotNull();
                t = System.nanoTime();
                Files.delete(a); // up10 fails: counts nothing
                assertThat(wire.await(t, s -> s.source().equals(lb01) && s.priority() == 100, Duration.ofSeconds(10)))
                        .as(() -> router + " advertises 100 once up10 fails\n" + p.output()).isNotNull();
            } finally {
                p.signal("TERM");
                p.waitFor(Duration.ofSeconds(10));
            }
        }
    }
}
