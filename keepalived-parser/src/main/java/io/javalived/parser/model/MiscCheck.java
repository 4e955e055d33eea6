package io.javalived.parser.model;

import java.time.Duration;
import java.util.Optional;

/**
 * {@code MISC_CHECK}: runs {@code misc_path}; exit 0 up, 1 down, 2..255 up (with {@code misc_dynamic} the
 * weight becomes exit-2).
 *
 * @param miscTimeout default = delay_loop
 * @param user        {@code user NAME [GROUP]}
 */
public record MiscCheck(CheckerSettings settings, ScriptCommand miscPath, Duration miscTimeout,
                        boolean miscDynamic, Optional<String> user, SourceLocation location)
        implements ScheduledChecker {
    @Override
    public CheckerKind kind() {
        return CheckerKind.MISC_CHECK;
    }
}
