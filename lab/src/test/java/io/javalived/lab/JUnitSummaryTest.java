package io.javalived.lab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

class JUnitSummaryTest {

    private static VmResult run(int exit, String stdout) {
        return new VmResult(List.of("java"), exit, stdout, "", Duration.ofSeconds(1), Optional.empty());
    }

    @Test
    void readsTheLaunchersCountsAndFailures() {
        String out = """
                Failures (1):
                  JUnit Jupiter:Probe:boom()
                    => org.opentest4j.AssertionFailedError: expected: <1> but was: <2>

                Test run finished after 91 ms
                [         3 containers found      ]
                [         1 containers failed     ]
                [         4 tests found           ]
                [         1 tests skipped         ]
                [         1 tests aborted         ]
                [         1 tests successful      ]
                [         1 tests failed          ]
                """;
        JUnitSummary s = JUnitSummary.parse(run(1, out));
        assertThat(s.testsFound()).isEqualTo(4);
        assertThat(s.testsSucceeded()).isEqualTo(1);
        assertThat(s.testsFailed()).isEqualTo(1);
        assertThat(s.testsSkipped()).isEqualTo(1);
        assertThat(s.testsAborted()).isEqualTo(1);
        assertThat(s.containersFailed()).isEqualTo(1);
        assertThat(s.failures()).contains("boom()").contains("expected: <1>").doesNotContain("Test run finished");
        assertThat(s.allPassed()).isFalse();
        assertThat(s.report()).contains("4 found, 1 successful, 1 failed");
    }

    @Test
    void aCleanRunPasses() {
        JUnitSummary s = JUnitSummary.parse(run(0, "[ 2 tests found ]\n[ 2 tests successful ]\n[ 0 tests failed ]\n"));
        assertThat(s.allPassed()).isTrue();
    }

    @Test
    void noSummaryMeansTheVmOrJvmFailed() {
        assertThatThrownBy(() -> JUnitSummary.parse(run(125, "")))
                .isInstanceOf(LabException.class).hasMessageContaining("no summary");
    }
}
