package io.javalived.vrrp.config;

import io.javalived.parser.model.GlobalDefs;
import io.javalived.parser.model.RawValue;
import java.time.Duration;

/**
 * {@code max_auto_priority} (0 or -1: never raise; without a value: 99) and {@code min_auto_priority_delay}
 * (microseconds, default 1 s; the parser keeps only a valid one) as the VRRP engine takes them.
 */
public record AutoPrioritySettings(int maxPriority, Duration minDelay) {
    public static AutoPrioritySettings of(GlobalDefs g) {
        Duration delay = g.other().stream().filter(v -> v.keyword().equals("min_auto_priority_delay"))
                .reduce((a, b) -> b)
                .map(RawValue::args).filter(a -> !a.isEmpty())
                .map(a -> Duration.ofNanos(Long.parseLong(a.getFirst()) * 1000))
                .orElse(Duration.ofSeconds(1));
        return new AutoPrioritySettings(g.maxAutoPriority(), delay);
    }
}
