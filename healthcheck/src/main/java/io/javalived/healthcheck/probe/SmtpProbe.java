package io.javalived.healthcheck.probe;

import java.util.Objects;

/**
 * SMTP_CHECK: the server's greeting must be 220, its answer to {@code HELO heloName} 250, and it must answer
 * QUIT; each step within connect_timeout.
 */
public record SmtpProbe(Connection connection, String heloName) implements Probe {
    public SmtpProbe {
        Objects.requireNonNull(connection, "connection");
        if (heloName == null || heloName.isBlank() || heloName.chars().anyMatch(c -> c < 0x21 || c > 0x7e)) {
            throw new IllegalArgumentException("helo_name '" + heloName + "' is not one printable word");
        }
    }

    public String kind() {
        return "SMTP_CHECK";
    }

    public String describe() {
        return connection.describe("tcp");
    }
}
