package io.javalived.healthcheck.probe;

import java.util.Optional;

/**
 * One line of an SMTP reply (RFC 5321 4.2): a three-digit code, then '-' when more lines follow or ' ' (or
 * nothing) on the last line. keepalived reads only the first line, so a multi-line greeting ("220-...")
 * fails its check; javalived reads to the last line, as a mail client does.
 */
record SmtpReply(int code, boolean last, String text) {

    /** The reply line, or empty when it does not start with a three-digit code and a separator. */
    static Optional<SmtpReply> parse(String line) {
        if (line.length() < 3) return Optional.empty();
        for (int i = 0; i < 3; i++) {
            if (line.charAt(i) < '0' || line.charAt(i) > '9') return Optional.empty();
        }
        int code = Integer.parseInt(line, 0, 3, 10);
        if (line.length() == 3) return Optional.of(new SmtpReply(code, true, ""));
        char sep = line.charAt(3);
        if (sep != ' ' && sep != '-') return Optional.empty();
        return Optional.of(new SmtpReply(code, sep == ' ', line.substring(4)));
    }

    String encode() {
        return code + (last ? " " : "-") + text;
    }
}
