package io.javalived.vrrp.track;

import static org.assertj.core.api.Assertions.assertThat;

import io.javalived.vrrp.track.ProcessPattern.ParamMatch;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** keepalived 2.2.7's process matching: comm, or the command line's first word and its parameters. */
class ProcessPatternTest {
    static byte[] cmd(String... argv) {
        StringBuilder b = new StringBuilder();
        for (String a : argv) b.append(a).append('\0');
        return b.toString().getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void byDefaultTheProcessNameIsCompared() {
        var p = new ProcessPattern("nginx", List.of(), ParamMatch.NONE, false);
        assertThat(p.matches("nginx", null)).isTrue();
        assertThat(p.matches("nginx2", null)).isFalse();
        assertThat(p.matches(null, cmd("nginx"))).isFalse();
    }

    @Test
    void fullCommandComparesTheFirstWordOfTheCommandLine() {
        var p = new ProcessPattern("/usr/sbin/nginx", List.of(), ParamMatch.NONE, true);
        assertThat(p.matches("nginx", cmd("/usr/sbin/nginx", "-g", "daemon off;"))).isTrue();
        assertThat(p.matches("nginx", cmd("nginx"))).isFalse();
        assertThat(p.matches("x", new byte[0])).as("a zombie or kernel thread").isFalse();
    }

    @Test
    void exactParametersMustAllBeThere() {
        var p = new ProcessPattern("sleep", List.of("100"), ParamMatch.EXACT, true);
        assertThat(p.matches("sleep", cmd("sleep", "100"))).isTrue();
        assertThat(p.matches("sleep", cmd("sleep", "1000"))).isFalse();
        assertThat(p.matches("sleep", cmd("sleep", "100", "x"))).isFalse();
        assertThat(p.matches("sleep", cmd("sleep"))).isFalse();
        var none = new ProcessPattern("sleep", List.of(), ParamMatch.EXACT, true);
        assertThat(none.matches("sleep", cmd("sleep"))).isTrue();
        assertThat(none.matches("sleep", cmd("sleep", "1"))).isFalse();
    }

    @Test
    void partialMatchesTheFirstParametersAndInitialTheStartOfTheLastOne() {
        var partial = new ProcessPattern("app", List.of("-c", "a.conf"), ParamMatch.PARTIAL, true);
        assertThat(partial.matches("app", cmd("app", "-c", "a.conf", "-v"))).isTrue();
        assertThat(partial.matches("app", cmd("app", "-c", "a.conf2"))).isFalse();
        var initial = new ProcessPattern("app", List.of("-c", "a."), ParamMatch.INITIAL, true);
        assertThat(initial.matches("app", cmd("app", "-c", "a.conf"))).isTrue();
        assertThat(initial.matches("app", cmd("app", "-c", "b.conf"))).isFalse();
    }
}
