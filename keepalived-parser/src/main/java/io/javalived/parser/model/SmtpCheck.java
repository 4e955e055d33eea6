package io.javalived.parser.model;

import java.util.List;

/**
 * {@code SMTP_CHECK}: connect, read the 220 banner, HELO, QUIT.
 *
 * @param heloName default: the host name (global smtp_helo_name)
 * @param hosts    the legacy {@code host { ... }} sub-blocks, each with its own connection settings
 */
public record SmtpCheck(CheckerSettings settings, String heloName, List<CheckerSettings> hosts,
                        SourceLocation location) implements ScheduledChecker {
    public SmtpCheck {
        hosts = List.copyOf(hosts);
    }

    @Override
    public CheckerKind kind() {
        return CheckerKind.SMTP_CHECK;
    }
}
