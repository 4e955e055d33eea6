package io.javalived.net.netns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.javalived.net.ffm.ErrnoException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class InNamespaceTest {

    @Test
    void aNamespaceThatIsGoneIsAnErrorForTheCallerNotANullResult() {
        Path gone = Path.of("/run/netns/javalived-no-such-namespace-" + ProcessHandle.current().pid());
        assertThatThrownBy(() -> InNamespace.call(gone, () -> "ran"))
                .isInstanceOf(ErrnoException.class).hasMessageContaining("ENOENT");
    }

    @Test
    void theBodyRunsAndItsResultComesBack() throws Exception {
        Path own = Path.of("/proc/self/ns/net");
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isReadable(own), "no /proc/self/ns/net to enter");
        try {
            assertThat(InNamespace.call(own, () -> "ran")).isEqualTo("ran");
        } catch (ErrnoException e) {
            org.junit.jupiter.api.Assumptions.abort("setns into our own namespace needs CAP_SYS_ADMIN: " + e.getMessage());
        }
    }
}
