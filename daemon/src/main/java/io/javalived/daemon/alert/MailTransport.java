package io.javalived.daemon.alert;

/**
 * The one way an alert mail leaves javalived: {@link SmtpTransport} (keepalived's SMTP dialogue over TCP) or
 * {@link InMemoryMailTransport} (the twin for unit tests). Called on the alerter's own thread only; it may block up
 * to the settings' timeout per step.
 */
public interface MailTransport {
    /** Sends one mail; throws with keepalived's words for what went wrong (the server address included). */
    void send(SmtpSettings settings, AlertMail mail) throws MailException;

    /** A mail that did not go: the message names the server and the step, as keepalived's log does. */
    final class MailException extends Exception {
        public MailException(String message) {
            super(message);
        }
    }
}
