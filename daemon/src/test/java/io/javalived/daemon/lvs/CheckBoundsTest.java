package io.javalived.daemon.lvs;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The bounds {@link VmProofs} holds the seed's lb01 to, from the file as javalived parses it (on the host). */
class CheckBoundsTest {

    @Test
    void theSeedsWeb02CheckGivesItsBoundsFromDelayLoopConnectTimeoutRetryAndDelayBeforeRetry() throws Exception {
        Path repo = Path.of(System.getProperty("javalived.repo", "..")).toAbsolutePath().normalize();
        CheckBounds b = CheckBounds.of(repo.resolve("examples/lb01/keepalived.conf"), "10.0.0.8");
        // delay_loop 6, connect_timeout 8, nb_get_retry 3 (applied as retry), delay_before_retry 3
        assertThat(b).isEqualTo(new CheckBounds(Duration.ofSeconds(6), Duration.ofSeconds(8), 3, Duration.ofSeconds(3)));
        assertThat(b.removalLimit()).isEqualTo(Duration.ofSeconds(6 + 4 * 8 + 3 * 3).plus(CheckBounds.MARGIN));
        assertThat(b.refusedRemovalLimit()).isEqualTo(Duration.ofSeconds(6 + 3 * 3).plus(CheckBounds.MARGIN));
        assertThat(b.returnLimit()).isEqualTo(Duration.ofSeconds(6 + 8).plus(CheckBounds.MARGIN));
    }
}
