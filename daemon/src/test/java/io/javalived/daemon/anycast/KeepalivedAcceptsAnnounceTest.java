package io.javalived.daemon.anycast;

import static org.assertj.core.api.Assertions.assertThat;

import io.javalived.parser.KeepalivedParser;
import io.javalived.parser.ParseResult;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One file for both daemons: keepalived 2.2.7's {@code -t} reports javalived_announce as its only unknown keyword
 * (exit 5: problems, but it would run) and keeps the virtual server; javalived reads the same file clean.
 */
@Tag("keepalived")
class KeepalivedAcceptsAnnounceTest {
    @TempDir
    Path dir;

    static final String CONF = """
            global_defs {
                router_id lb01
            }
            virtual_server 10.0.0.3 80 {
                delay_loop 1
                lb_algo mh
                lb_kind DR
                protocol TCP
                alpha
                javalived_announce
                real_server 10.0.0.7 80 {
                    TCP_CHECK {
                        connect_timeout 1
                    }
                }
            }
            """;

    @Test
    void keepalivedSkipsTheKeywordAndJavalivedReadsItClean() throws Exception {
        Path keepalived = Path.of("/usr/sbin/keepalived");
        Assumptions.assumeTrue(Files.isExecutable(keepalived), "keepalived is not installed (apt-get install keepalived)");
        Path conf = Files.writeString(dir.resolve("keepalived.conf"), CONF);
        Process p = new ProcessBuilder(List.of(keepalived.toString(), "-t", "-f", conf.toString())).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isEqualTo(5);
        assertThat(out.lines().filter(l -> !l.isBlank()).toList()).as(out)
                .containsExactly("(" + conf + ": Line 10) Unknown keyword 'javalived_announce'");

        ParseResult r = KeepalivedParser.parse(conf);
        assertThat(r.diagnostics()).isEmpty();
        assertThat(r.config().virtualServers().getFirst().announce()).isPresent();
    }
}
