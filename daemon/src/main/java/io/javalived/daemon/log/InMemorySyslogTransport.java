package io.javalived.daemon.log;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** The syslog socket's twin for tests: keeps every message, or refuses them all with a reason while told to. */
public final class InMemorySyslogTransport implements SyslogTransport {
    private final List<byte[]> sent = new ArrayList<>();
    private volatile String refusal;

    @Override
    public String target() {
        return "memory";
    }

    /** From now on every send fails with this reason (null: accept again). */
    public void refuse(String reason) {
        this.refusal = reason;
    }

    @Override
    public synchronized void send(byte[] datagram) throws Unavailable {
        String r = refusal;
        if (r != null) {
            throw new Unavailable(r);
        }
        sent.add(datagram.clone());
    }

    public synchronized List<String> messages() {
        return sent.stream().map(b -> new String(b, StandardCharsets.UTF_8)).toList();
    }

    @Override
    public void close() {}
}
