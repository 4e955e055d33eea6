package io.javalived.vrrp.runtime;

import static io.javalived.vrrp.runtime.EngineInMemoryTest.await;
import static io.javalived.vrrp.runtime.EngineInMemoryTest.ip;
import static org.assertj.core.api.Assertions.assertThat;

import io.javalived.vrrp.state.VrrpState;
import io.javalived.vrrp.track.TrackerWeight;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** track_file on the in-memory twin: the value times the weight, FAULT with weight 0, init_file, deletes, bad values. */
class EngineTrackFileTest {
    static final Path FILE = Path.of("/run/track/prio");

    static InstanceConfig withFiles(InstanceConfig c, List<FileTrack> files) {
        return c.withTracks(files, c.trackProcesses());
    }

    static FileTrack track(int weight, boolean reverse, Optional<FileTrack.InitFile> init) {
        return new FileTrack("tf", FILE, new TrackerWeight(weight, reverse), init);
    }

    static int priority(VrrpEngine e) {
        return e.status().getFirst().effectivePriority();
    }

    @Test
    void theValueTimesTheWeightIsAddedAndAnOutOfRangeNumberIsIgnored() throws Exception {
        var p = new InMemoryPlatform(new InMemoryPlatform.Wire(), ip("10.0.0.5"));
        p.files().write(FILE, "2\n");
        var c = withFiles(EngineRulesTest.plain("VI", 100, "10.0.0.5"), List.of(track(10, false, Optional.empty())));
        try (var e = new VrrpEngine(p, List.of(c), Map.of(), Map.of())) {
            e.start();
            await(() -> priority(e) == 120, "2 x 10 at start");
            p.files().write(FILE, "-3");
            await(() -> priority(e) == 70, "-3 x 10");
            p.files().write(FILE, "99999999999");
            Thread.sleep(100);
            assertThat(priority(e)).as("an out-of-range number leaves the last value").isEqualTo(70);
            p.files().delete(FILE);
            await(() -> priority(e) == 100, "a deleted file reads 0");
        }
    }

    @Test
    void weightZeroPutsTheInstanceInFaultWhileTheValueIsNotZero() throws Exception {
        var p = new InMemoryPlatform(new InMemoryPlatform.Wire(), ip("10.0.0.5"));
        var c = withFiles(EngineRulesTest.plain("VI", 100, "10.0.0.5"), List.of(track(0, false, Optional.empty())));
        try (var e = new VrrpEngine(p, List.of(c), Map.of(), Map.of())) {
            e.start();
            await(() -> EngineRulesTest.state(e) == VrrpState.MASTER, "a missing file reads 0: MASTER");
            p.files().write(FILE, "1");
            await(() -> EngineRulesTest.state(e) == VrrpState.FAULT, "FAULT on a non-zero value");
            assertThat(e.lastTransition("VI").orElseThrow().reason()).contains("track_file tf has value 1");
            assertThat(p.vipsHeld()).isEmpty();
            p.files().write(FILE, "0");
            await(() -> EngineRulesTest.state(e) == VrrpState.MASTER, "back when the value is 0");
        }
    }

    @Test
    void initFileWritesAMissingFileAndOverwriteAnExistingOne() throws Exception {
        var p = new InMemoryPlatform(new InMemoryPlatform.Wire(), ip("10.0.0.5"));
        var c = withFiles(EngineRulesTest.plain("VI", 100, "10.0.0.5"),
                List.of(track(0, false, Optional.of(new FileTrack.InitFile(5, false)))));
        try (var e = new VrrpEngine(p, List.of(c), Map.of(), Map.of())) {
            e.start();
            await(() -> EngineRulesTest.state(e) == VrrpState.FAULT, "init_file 5 with weight 0: FAULT");
            assertThat(p.files().content(FILE)).isEqualTo("5\n");
        }
        var q = new InMemoryPlatform(new InMemoryPlatform.Wire(), ip("10.0.0.5"));
        q.files().write(FILE, "7");
        var keep = withFiles(EngineRulesTest.plain("VI", 100, "10.0.0.5"),
                List.of(track(1, false, Optional.of(new FileTrack.InitFile(3, false)))));
        try (var e = new VrrpEngine(q, List.of(keep), Map.of(), Map.of())) {
            e.start();
            await(() -> priority(e) == 107, "an existing file is kept without overwrite");
        }
        var over = withFiles(EngineRulesTest.plain("VI", 100, "10.0.0.5"),
                List.of(track(1, false, Optional.of(new FileTrack.InitFile(3, true)))));
        try (var e = new VrrpEngine(q, List.of(over), Map.of(), Map.of())) {
            e.start();
            await(() -> priority(e) == 103, "overwrite");
        }
    }

    @Test
    void aFileInADirectoryThatDoesNotExistIsNotTracked() throws Exception {
        var p = new InMemoryPlatform(new InMemoryPlatform.Wire(), ip("10.0.0.5"));
        p.files().removeDirectory(FILE.getParent());
        var c = withFiles(EngineRulesTest.plain("VI", 100, "10.0.0.5"), List.of(track(0, true, Optional.empty())));
        try (var e = new VrrpEngine(p, List.of(c), Map.of(), Map.of())) {
            e.start();
            await(() -> EngineRulesTest.state(e) == VrrpState.MASTER, "not tracked (reverse weight 0 would fault on 0)");
        }
    }
}
