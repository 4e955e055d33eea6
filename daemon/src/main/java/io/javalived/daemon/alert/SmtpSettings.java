package io.javalived.daemon.alert;

import io.javalived.parser.model.GlobalDefs;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Where and how alert mails go, from global_defs: {@code smtp_server ADDR [PORT]}, {@code smtp_helo_name},
 * {@code smtp_connect_timeout} (keepalived's bound for the connection and for each reply), {@code notification_email},
 * {@code notification_email_from} and {@code router_id} (the subject's prefix).
 */
public record SmtpSettings(String host, int port, String heloName, String from, List<String> to, Duration timeout,
                           String routerId) {
    public SmtpSettings {
        to = List.copyOf(to);
    }

    /** As keepalived: no mail at all unless both an smtp_server and at least one notification_email are set. */
    public static Optional<SmtpSettings> of(GlobalDefs g) {
        if (g.smtpServer().isEmpty() || g.notificationEmail().isEmpty()) return Optional.empty();
        GlobalDefs.SmtpServer s = g.smtpServer().get();
        return Optional.of(new SmtpSettings(s.host(), s.port(), g.smtpHeloName(), g.notificationEmailFrom(),
                g.notificationEmail(), g.smtpConnectTimeout(), g.routerId()));
    }

    /** The server as keepalived's log lines name it: {@code [127.0.0.1]:25}. */
    public String server() {
        return "[" + host + "]:" + port;
    }
}
