package io.javalived.daemon.status;

import io.javalived.daemon.reload.ReloadPlanner;
import io.javalived.daemon.reload.ConfigSnapshot;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RunningStateTest {

    static ConfigSnapshot snapshot() {
        return new ConfigSnapshot(List.of(new ConfigSnapshot.Instance("VI_1",
                new ConfigSnapshot.InstanceKey(51, "INET", "eth0", false, false, ""),
                List.of(new ConfigSnapshot.Vip("10.0.0.3/32", "dev eth0", false)), Map.of("priority", "150"), "a:1")),
                List.of(new ConfigSnapshot.Service("TCP 10.0.0.3:80", Map.of("scheduler", "wrr"), List.of(), Map.of(),
                        List.of(new ConfigSnapshot.Destination("10.0.0.7:80", Map.of("weight", "1"), Map.of(), "a:9")),
                        Optional.empty(), "a:5")));
    }

    @Test
    void roundTripsThroughTheFile(@TempDir Path dir) throws IOException {
        RunningState s = new RunningState(ProcessHandle.current().pid(), "/etc/keepalived/keepalived.conf", Optional.of("lb01"),
                StatusFixtures.NOW, Optional.of("127.0.0.1:9650"), snapshot());
        Path f = dir.resolve("run/state.json");
        s.write(f);
        RunningState back = RunningState.read(f).orElseThrow();
        assertThat(back).isEqualTo(s);
        assertThat(ReloadPlanner.plan(back.config(), snapshot()).isEmpty()).isTrue();
    }

    @Test
    void aStateOfADeadProcessIsIgnoredAndGarbageIsNamed(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("state.json");
        assertThat(RunningState.read(f)).isEmpty();
        new RunningState(Integer.MAX_VALUE - 1, "x", Optional.empty(), StatusFixtures.NOW, Optional.empty(),
                ConfigSnapshot.empty()).write(f);
        assertThat(RunningState.read(f)).isEmpty();
        Files.writeString(f, "not json");
        assertThatThrownBy(() -> RunningState.read(f)).isInstanceOf(IOException.class).hasMessageContaining(f.toString());
    }

    @Test
    void theStateFileFollowsAnExplicitPidFile() {
        assertThat(RunningState.fileFor(null, null)).isEqualTo(RunningState.DEFAULT_FILE);
        assertThat(RunningState.fileFor(null, Path.of("/tmp/lab/lb01-1.pid"))).isEqualTo(Path.of("/tmp/lab/lb01-1.state.json"));
        assertThat(RunningState.fileFor(Path.of("/x/s.json"), Path.of("/tmp/lab/lb01-1.pid"))).isEqualTo(Path.of("/x/s.json"));
    }
}
