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
 * track_file in the seed lab, the same config run by keepalived 2.2.7 and by javalived on lb01, the adverts read on
 * lb02: the file's value times the weight is the advertised priority a moment after the file is written, a weight-0
 * file with a non-zero value puts the instance in FAULT (VIP gone, no adverts) until it is 0 again, and a deleted
 * file counts as 0.
 */
@Tag("netns")
@Tag("keepalived")
class TrackFileNetnsTest extends WithKeepalivedLab {

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"keepalived", "javalived"})
    void theAdvertisedPriorityFollowsTheFileAndWeightZeroFaults(String router) throws Exception {
        Path prio = lab.lab.dir().resolve("prio");
        Path down = lab.lab.dir().resolve("down");
        Files.writeString(prio, "0\n");
        Files.writeString(down, "0\n");
        String blocks = """
                track_file prio {
                    file %s
                    weight 10
                }
                track_file down {
                    file %s
                    weight 0
                }
                """.formatted(prio, down);
        Path conf = lab.write(router + ".conf", blocks + VrrpLab.conf("lb01", 3, "MASTER", 100, "0.1", null, List.of(), null,
                "  track_file {\n    prio\n    down\n  }\n"));
        InetAddress lb01 = InetAddress.getByName("10.0.0.5");
        try (WireAdverts wire = WireAdverts.on(lab.host("lb02"))) {
            LabProcess p = router.equals("keepalived") ? lab.keepalived("lb01", conf) : lab.javalived("lb01", conf);
            try {
                assertThat(wire.await(0, s -> s.source().equals(lb01) && s.priority() == 100, Duration.ofSeconds(40)))
                        .as(() -> router + " advertises 100 with the file at 0\n" + p.output()).isNotNull();

                priorityAfterWriting(wire, p, prio, "2\n", 120);
                priorityAfterWriting(wire, p, prio, "-3\n", 70);

                long t = System.nanoTime();
                Files.writeString(down, "1\n");
                assertThat(lab.awaitVip("lb01", false, Duration.ofSeconds(5))).as(() -> router + ": FAULT removes the VIP\n"
                        + p.output()).isTrue();
                long gone = System.nanoTime();
                Thread.sleep(300);
                long quiet = System.nanoTime();
                Thread.sleep(1000);
                assertThat(wire.since(quiet)).as(router + ": no adverts in FAULT").noneMatch(s -> s.source().equals(lb01));
                assertThat(p.output()).as(router).contains("FAULT");
                System.out.printf("%s: weight-0 file written -> VIP gone in %d ms%n", router,
                        (gone - t) / 1_000_000);

                Files.writeString(down, "0\n");
                assertThat(wire.await(System.nanoTime(), s -> s.source().equals(lb01) && s.priority() == 70,
                        Duration.ofSeconds(10))).as(() -> router + " leaves FAULT at 70\n" + p.output()).isNotNull();
                assertThat(lab.awaitVip("lb01", true, Duration.ofSeconds(5))).isTrue();

                long d = System.nanoTime();
                Files.delete(prio);
                assertThat(wire.await(d, s -> s.source().equals(lb01) && s.priority() == 100, Duration.ofSeconds(5)))
                        .as(() -> router + ": a deleted file counts 0\n" + p.output()).isNotNull();
            } finally {
                p.signal("TERM");
                p.waitFor(Duration.ofSeconds(10));
            }
        }
    }

    private static void priorityAfterWriting(WireAdverts wire, LabProcess p, Path file, String value, int expected)
            throws Exception {
        long t = System.nanoTime();
        Files.writeString(file, value);
        WireAdverts.Seen s = wire.await(t, x -> x.priority() == expected, Duration.ofSeconds(5));
        assertThat(s).as(() -> "priority " + expected + " after writing " + value.strip() + "\n" + p.output()).isNotNull();
        System.out.printf("%s written -> priority %d on the wire after %d ms%n", value.strip(), expected,
                (s.atNanos() - t) / 1_000_000);
    }
}
