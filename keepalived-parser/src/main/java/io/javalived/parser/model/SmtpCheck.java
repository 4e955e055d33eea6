package io.javalived.parser.model;

import java.util.List;

/**
 * {@code SMTP_CHECK}: connect, read the 220 banner, HELO, QUIT.
 *
 * @param heloName default: the host name (global smtp_helo_name)
 * @param settings the checker's own connection, or (keepalived 2.2.7) the first {@code host} block's when the
 *                 SMTP_CHECK has host blocks and no connection keyword of its own
 * @param hosts    the other legacy {@code host { ... }} sub-blocks: each one more connection checked, with the
 *                 checker's settings (connect_ip/connect_port default to the real server's)
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
