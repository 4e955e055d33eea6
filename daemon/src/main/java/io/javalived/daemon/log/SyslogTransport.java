package io.javalived.daemon.log;

/**
 * Where syslog messages go: the local syslog socket ({@link UnixSyslogTransport}) or, in tests,
 * {@link InMemorySyslogTransport}.
 */
public interface SyslogTransport extends AutoCloseable {
    /** What it sends to, for messages ({@code /dev/log}). */
    String target();

    /** Sends one message, reconnecting first if needed; throws when nobody takes it. */
    void send(byte[] datagram) throws Unavailable;

    @Override
    void close();

    /** The syslog socket is absent or refused the message; the text says why (e.g. {@code ENOENT (No such file or directory)}). */
    final class Unavailable extends Exception {
        public Unavailable(String reason) {
            super(reason, null, false, false);
        }
    }
}
