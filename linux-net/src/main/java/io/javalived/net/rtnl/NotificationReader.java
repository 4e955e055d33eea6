package io.javalived.net.rtnl;

import io.javalived.net.netlink.NetlinkMessage;
import io.javalived.net.netlink.NetlinkSocket;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The daemon thread of a monitor: reads one netlink socket's notifications and hands each message to the
 * monitor's handler, until closed. A receive error is logged and reading goes on.
 */
final class NotificationReader implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(NotificationReader.class);

    private final String what;
    private final NetlinkSocket socket;
    private final Consumer<NetlinkMessage> handler;
    private final Thread thread;
    private volatile boolean running = true;

    /** {@code what} names the monitor in its thread's name and its log lines ("link monitor"). */
    NotificationReader(String what, NetlinkSocket socket, Consumer<NetlinkMessage> handler) {
        this.what = what;
        this.socket = socket;
        this.handler = handler;
        this.thread = new Thread(this::readLoop, "rtnl-" + what.replace(' ', '-'));
        this.thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    private void readLoop() {
        while (running) {
            List<NetlinkMessage> ms;
            try {
                ms = socket.receive(Duration.ofMillis(250));
            } catch (RuntimeException e) {
                if (running) log.warn("{}: {}", what, e.getMessage());
                continue;
            }
            for (NetlinkMessage m : ms) {
                handler.accept(m);
            }
        }
    }

    @Override
    public void close() {
        running = false;
        try {
            thread.join(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        socket.close();
    }
}
