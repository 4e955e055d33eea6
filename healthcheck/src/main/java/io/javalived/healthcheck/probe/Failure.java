package io.javalived.healthcheck.probe;

/** Why a probe found a real server down. A closed set, so logs, metrics and tests can match on it. */
public sealed interface Failure {

    /** A short human sentence, used in logs. */
    String describe();

    /** The peer answered the SYN with a reset (or ICMP port unreachable for UDP). */
    record Refused() implements Failure {
        public String describe() {
            return "connection refused";
        }
    }

    /** Nothing complete within connect_timeout; {@code phase} says how far it got. */
    record Timeout(Phase phase) implements Failure {
        public String describe() {
            return "timeout " + phase.text;
        }
    }

    /** Where a probe was when its time ran out. */
    enum Phase {
        CONNECT("while connecting"), TLS_HANDSHAKE("during the TLS handshake"), RESPONSE("waiting for the whole response"),
        REPLY("waiting for a reply"), SCRIPT("running the script");

        final String text;

        Phase(String text) {
            this.text = text;
        }
    }

    /** No route, host unreachable, network unreachable. */
    record Unreachable(String message) implements Failure {
        public String describe() {
            return "unreachable: " + message;
        }
    }

    /** An HTTP status outside the url's status_code set. */
    record BadStatus(String path, int status, StatusCodes expected) implements Failure {
        public String describe() {
            return "HTTP status " + status + " for " + path + ", expected " + expected;
        }
    }

    /** The MD5 of the body differs from the url's digest. */
    record DigestMismatch(String path, String expected, String actual) implements Failure {
        public String describe() {
            return "MD5 digest of " + path + " is " + actual + ", expected " + expected;
        }
    }

    /** The body did not match the url's regex (or, with regex_no_match, did). */
    record RegexMismatch(String path, String regex, boolean noMatch) implements Failure {
        public String describe() {
            return "body of " + path + (noMatch ? " matches " : " does not match ") + "regex \"" + regex + "\"";
        }
    }

    /** The reply was not what the check requires (malformed HTTP, UDP reply pattern or length). */
    record BadReply(String why) implements Failure {
        public String describe() {
            return "bad reply: " + why;
        }
    }

    /** A MISC_CHECK script exited with a status that means down. */
    record ExitCode(int code) implements Failure {
        public String describe() {
            return "script exited with code " + code;
        }
    }

    /** A MISC_CHECK script died by a signal it was not sent for its timeout (keepalived: "failed (due to signal N)"). */
    record KilledBySignal(int signal) implements Failure {
        public String describe() {
            return "script killed by signal " + signal;
        }
    }

    /** The TLS handshake failed. */
    record TlsFailure(String message) implements Failure {
        public String describe() {
            return "TLS handshake failed: " + message;
        }
    }

    /** Any other local or socket error (bind failed, reset mid-response, script could not start). */
    record IoError(String message) implements Failure {
        public String describe() {
            return message;
        }
    }
}
