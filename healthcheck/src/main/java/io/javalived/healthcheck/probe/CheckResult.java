package io.javalived.healthcheck.probe;

import java.time.Duration;
import java.util.Objects;
import java.util.OptionalInt;

/** The outcome of one probe of one real server: up or down (with why), and how long the probe took. */
public sealed interface CheckResult permits CheckResult.Up, CheckResult.Down {

    Duration latency();

    default boolean isUp() {
        return this instanceof Up;
    }

    /**
     * The real server answered as required.
     *
     * @param dynamicWeight the weight a MISC_CHECK with {@code misc_dynamic} asks for (exit code - 2), if any
     */
    record Up(Duration latency, OptionalInt dynamicWeight) implements CheckResult {
        public Up {
            Objects.requireNonNull(latency, "latency");
            Objects.requireNonNull(dynamicWeight, "dynamicWeight");
        }

        public static Up after(Duration latency) {
            return new Up(latency, OptionalInt.empty());
        }

        @Override
        public String toString() {
            return "up in " + latency.toMillis() + " ms"
                    + (dynamicWeight.isPresent() ? " (weight " + dynamicWeight.getAsInt() + ")" : "");
        }
    }

    /** The real server did not answer as required. */
    record Down(Duration latency, Failure failure) implements CheckResult {
        public Down {
            Objects.requireNonNull(latency, "latency");
            Objects.requireNonNull(failure, "failure");
        }

        @Override
        public String toString() {
            return "down after " + latency.toMillis() + " ms: " + failure.describe();
        }
    }
}
