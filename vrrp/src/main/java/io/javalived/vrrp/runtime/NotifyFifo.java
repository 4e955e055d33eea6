package io.javalived.vrrp.runtime;

/**
 * keepalived's notify FIFO ({@code notify_fifo}, {@code vrrp_notify_fifo}): one line per event, written without
 * ever blocking (a full FIFO drops the line, as keepalived's non-blocking write does).
 */
public interface NotifyFifo extends AutoCloseable {
    /** Writes one line (with its newline); false if it was dropped. */
    boolean write(String line);

    /** The FIFO's path, for messages. */
    String name();

    @Override
    void close();
}
