package io.javalived.vrrp.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.javalived.scripts.InMemoryScriptRunner;
import io.javalived.scripts.Script;
import io.javalived.scripts.ScriptOutcome;
import io.javalived.vrrp.state.VrrpState;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import io.javalived.scripts.RunAs;

/** Notify scripts run without a timeout (keepalived never kills them); only the runner's stop ends them. */
class NotifyDispatcherTest {

    private static Optional<Script> script(String... argv) {
        return Optional.of(new Script(List.of(argv), new RunAs("nobody", 65534, 65534)));
    }

    @Test
    void notifyScriptsHaveNoTimeoutAndKeepTheirUser() {
        InMemoryScriptRunner runner = new InMemoryScriptRunner();
        runner.answer(s -> new CompletableFuture<>());   // every script keeps running
        NotifyDispatcher d = new NotifyDispatcher(runner);
        Notifies n = new Notifies(script("/m"), Optional.empty(), Optional.empty(), script("/s"), script("/n"),
                script("/rx"));
        d.instanceChanged("VI_1", n, VrrpState.MASTER, 100);
        d.masterRxLowerPriority("VI_1", n, 100);
        d.instanceChanged("VI_1", n, VrrpState.STOP, 0);
        assertThat(runner.runs()).extracting(r -> r.script().argv()).containsExactly(List.of("/m"),
                List.of("/n", "INSTANCE", "VI_1", "MASTER", "100"), List.of("/rx"), List.of("/s"),
                List.of("/n", "INSTANCE", "VI_1", "STOP", "0"));
        assertThat(runner.runs()).allSatisfy(r -> {
            assertThat(r.timeout()).as("no timeout").isEmpty();
            assertThat(r.script().user().uid()).isEqualTo(65534);
        });
        long t0 = System.nanoTime();
        d.awaitStopScripts(Duration.ofMillis(300));   // the STOP scripts get their moment, then shutdown goes on
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(5));
        runner.close();
    }

    @Test
    void aFailedNotifyScriptIsOnlyLogged() {
        InMemoryScriptRunner runner = new InMemoryScriptRunner();
        runner.answer(s -> CompletableFuture.completedFuture(new ScriptOutcome.Killed(9, "")));
        NotifyDispatcher d = new NotifyDispatcher(runner);
        d.groupChanged("G", new Notifies(script("/m"), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty()),
                VrrpState.MASTER);
        assertThat(runner.runs()).hasSize(1);
    }
}
