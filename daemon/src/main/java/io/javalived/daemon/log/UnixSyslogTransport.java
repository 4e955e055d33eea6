package io.javalived.daemon.log;

import io.javalived.net.ffm.Errno;
import io.javalived.net.ffm.ErrnoException;
import io.javalived.net.socket.UnixDatagramSocket;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Messages to the local syslog socket ({@code /dev/log}) as AF_UNIX datagrams, as syslog(3) does: connected on first
 * use; when a send fails (the syslog daemon restarted) it reconnects and sends once more. A send waits at most
 * {@link #SEND_TIMEOUT} for room in a full queue, so a stuck syslog daemon cannot stall VRRP's thread for long.
 */
public final class UnixSyslogTransport implements SyslogTransport {
    public static final Path DEV_LOG = Path.of("/dev/log");
    static final Duration SEND_TIMEOUT = Duration.ofMillis(200);

    private final Path path;
    private UnixDatagramSocket socket;

    public UnixSyslogTransport(Path path) {
        this.path = path;
    }

    @Override
    public String target() {
        return path.toString();
    }

    @Override
    public synchronized void send(byte[] datagram) throws Unavailable {
        try {
            connected().send(datagram);
            return;
        } catch (RuntimeException first) {
            if (first instanceof ErrnoException e && (e.is(Errno.EAGAIN) || e.is(Errno.EMSGSIZE))) {
                throw unavailable(e); // the daemon is there but cannot take it: reconnecting would not help
            }
            disconnect();
            if (!(first instanceof ErrnoException)) {
                throw unavailable(first);
            }
        }
        try {
            connected().send(datagram);
        } catch (RuntimeException again) {
            disconnect();
            throw unavailable(again);
        }
    }

    private UnixDatagramSocket connected() {
        if (socket == null) {
            UnixDatagramSocket s = UnixDatagramSocket.connect(path);
            s.sendTimeout(SEND_TIMEOUT);
            socket = s;
        }
        return socket;
    }

    /** The errno part of a failure ("ENOENT (No such file or directory)"), else its message. */
    private static Unavailable unavailable(RuntimeException e) {
        if (e instanceof ErrnoException ee && e.getMessage().startsWith(ee.operation() + ": ")) {
            return new Unavailable(e.getMessage().substring(ee.operation().length() + 2));
        }
        return new Unavailable(String.valueOf(e.getMessage()));
    }

    private void disconnect() {
        if (socket != null) {
            try {
                socket.close();
            } catch (RuntimeException e) {
                // already unusable
            }
            socket = null;
        }
    }

    @Override
    public synchronized void close() {
        disconnect();
    }
}
