package io.javalived.daemon.alert;

import java.nio.charset.StandardCharsets;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * One alert: its subject (router_id prefix included) and its one-line body, cut as keepalived cuts them (255 and
 * 511 bytes). {@link #data} is the DATA keepalived 2.2.7 sends, header for header:
 * {@code Date}, {@code From}, {@code Subject}, {@code X-Mailer: Keepalived}, {@code To} (every recipient, ", "
 * between), a blank line, the body and an empty line.
 */
public record AlertMail(String subject, String body) {
    static final int MAX_SUBJECT = 255;
    static final int MAX_BODY = 511;
    private static final DateTimeFormatter RFC822 = DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss Z", Locale.ROOT);

    public AlertMail {
        subject = cut(subject, MAX_SUBJECT);
        body = cut(body, MAX_BODY);
    }

    /** {@code [router_id] TEXT}: the subject of every keepalived alert. */
    public static AlertMail of(String routerId, String subject, String body) {
        return new AlertMail("[" + routerId + "] " + subject, body);
    }

    /** The message as it goes after DATA, before the terminating dot line; lines starting with '.' are doubled. */
    public String data(SmtpSettings s, ZonedDateTime now) {
        String text = "Date: " + RFC822.format(now) + "\r\n"
                + "From: " + s.from() + "\r\n"
                + "Subject: " + subject + "\r\n"
                + "X-Mailer: Keepalived\r\n"
                + "To: " + String.join(", ", s.to()) + "\r\n"
                + "\r\n"
                + body + "\r\n"
                + "\r\n";
        // keepalived does not dot-stuff; a body line made of "." would end its mail early. Ours never can.
        return text.replace("\r\n.", "\r\n..");
    }

    private static String cut(String s, int maxBytes) {
        String oneLine = s.replace('\r', ' ').replace('\n', ' ');
        byte[] b = oneLine.getBytes(StandardCharsets.UTF_8);
        if (b.length <= maxBytes) return oneLine;
        return new String(b, 0, maxBytes, StandardCharsets.UTF_8).replace("\uFFFD", "");
    }
}
