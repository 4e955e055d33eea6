package io.javalived.lab;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The JUnit Platform console launcher's summary of a run inside the VM.
 *
 * @param testsFound     tests found
 * @param testsSucceeded tests successful
 * @param testsFailed    tests failed
 * @param testsSkipped   tests skipped (disabled)
 * @param testsAborted   tests aborted (an assumption failed: they skipped themselves)
 * @param containersFailed containers (classes, engines) that failed, e.g. a failing {@code @BeforeAll}
 * @param failures       the launcher's "Failures (n):" section, empty when none
 * @param run            the whole VM run (the launcher's full output is in its stdout)
 */
public record JUnitSummary(long testsFound, long testsSucceeded, long testsFailed, long testsSkipped,
                           long testsAborted, long containersFailed, String failures, VmResult run) {

    private static final Pattern LINE = Pattern.compile("\\[\\s*(\\d+) (tests|containers) (found|successful|failed|skipped|aborted)\\s*]");

    /** True when tests ran, none failed and the launcher exited 0. */
    public boolean allPassed() {
        return run.exitCode() == 0 && testsFound > 0 && testsFailed == 0 && containersFailed == 0 && testsSucceeded > 0;
    }

    /** Parses the launcher's output; throws a {@link LabException} when there is no summary (the VM or JVM failed). */
    static JUnitSummary parse(VmResult run) {
        long found = -1, ok = -1, failed = -1, skipped = -1, aborted = -1, containersFailed = 0;
        Matcher m = LINE.matcher(run.stdout());
        while (m.find()) {
            long n = Long.parseLong(m.group(1));
            if (m.group(2).equals("containers")) {
                if (m.group(3).equals("failed")) {
                    containersFailed = n;
                }
                continue;
            }
            switch (m.group(3)) {
                case "found" -> found = n;
                case "successful" -> ok = n;
                case "failed" -> failed = n;
                case "skipped" -> skipped = n;
                case "aborted" -> aborted = n;
                default -> { }
            }
        }
        if (found < 0 || ok < 0 || failed < 0) {
            throw new LabException("the JUnit run in the VM printed no summary; " + run.describe());
        }
        String out = run.stdout();
        int f = out.indexOf("Failures (");
        String failures = "";
        if (f >= 0) {
            int end = out.indexOf("\nTest run finished", f);
            failures = out.substring(f, end < 0 ? out.length() : end).strip();
        }
        return new JUnitSummary(found, ok, failed, Math.max(0, skipped), Math.max(0, aborted), containersFailed, failures, run);
    }

    /** One paragraph for an assertion message: the counts, the failures and the launcher's output. */
    public String report() {
        return "JUnit in the VM: " + testsFound + " found, " + testsSucceeded + " successful, " + testsFailed
                + " failed, " + testsSkipped + " skipped, " + testsAborted + " aborted, " + containersFailed
                + " containers failed (exit " + run.exitCode() + ")"
                + (failures.isEmpty() ? "" : "\n" + failures) + "\n--- launcher output ---\n" + run.stdout().strip()
                + (run.stderr().isBlank() ? "" : "\n--- stderr ---\n" + run.stderr().strip());
    }
}
