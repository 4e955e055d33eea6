package io.javalived.vrrp.runtime;

import io.javalived.vrrp.receive.ReceivedPacket;
import java.util.Collection;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code log_unknown_vrids}: an advert for a VRID that no instance on its interface has is logged with keepalived's
 * line, {@code Unknown VRID(51) received on interface(eth0). ignoring...}. Every instance's socket on an interface
 * sees the advert; only the first instance (in configuration order) on that interface and address family speaks for
 * it. Rate-limited so a flood (or a busy LAN) cannot fill the log: per interface and VRID, the first advert is logged
 * at once, then at most one line a minute, which counts the adverts not logged since.
 */
final class UnknownVrids {
    private static final Logger log = LoggerFactory.getLogger(UnknownVrids.class);
    static final long QUIET_NANOS = 60_000_000_000L;

    private final Supplier<Collection<RunningInstance>> instances;
    private final LongSupplier clock;
    private volatile boolean enabled;
    private final Map<String, Window> windows = new ConcurrentHashMap<>();

    /** One interface and VRID: when it was last logged and how many were heard since. */
    private static final class Window {
        long loggedAt;
        long unlogged;
    }

    private final Consumer<String> out;

    UnknownVrids(Supplier<Collection<RunningInstance>> instances, LongSupplier clock) {
        this(instances, clock, log::info);
    }

    /** @param out where the lines go (the log; tests) */
    UnknownVrids(Supplier<Collection<RunningInstance>> instances, LongSupplier clock, Consumer<String> out) {
        this.instances = instances;
        this.clock = clock;
        this.out = out;
    }

    void enabled(boolean on) {
        this.enabled = on;
    }

    /** An advert {@code by}'s socket rejected because its VRID is not {@code by}'s (its receive thread). */
    void heard(RunningInstance by, ReceivedPacket p) {
        if (!enabled) return;
        int vrid = vrid(p);
        if (vrid < 0) return;
        InstanceConfig me = by.config();
        RunningInstance speaker = null;
        for (RunningInstance i : instances.get()) {
            InstanceConfig c = i.config();
            if (i.removed() || c.family() != me.family() || !c.interfaceName().equals(me.interfaceName())) continue;
            if (c.expectations().vrid() == vrid) return; // another instance on this interface has it
            if (speaker == null) speaker = i;
        }
        if (speaker != by) return;
        String ifname = by.currentInterfaceName();
        Window w = windows.computeIfAbsent(ifname + " " + vrid, k -> new Window());
        long now = clock.getAsLong();
        long unlogged;
        synchronized (w) {
            if (w.loggedAt != 0 && now - w.loggedAt < QUIET_NANOS) {
                w.unlogged++;
                return;
            }
            unlogged = w.unlogged;
            w.unlogged = 0;
            w.loggedAt = now == 0 ? 1 : now;
        }
        out.accept("Unknown VRID(" + vrid + ") received on interface(" + ifname + "). ignoring..."
                + (unlogged == 0 ? "" : " (" + unlogged + " more since the last line, not logged)"));
    }

    /** The advert's VRID, or -1 when the bytes are too short to hold one. */
    static int vrid(ReceivedPacket p) {
        return switch (p) {
            case ReceivedPacket.Ipv4Datagram d -> {
                byte[] b = d.bytes();
                if (b.length < 20) yield -1;
                int off = (b[0] & 0x0f) * 4;
                yield b.length > off + 1 ? b[off + 1] & 0xff : -1;
            }
            case ReceivedPacket.Ipv6Payload d -> d.bytes().length > 1 ? d.bytes()[1] & 0xff : -1;
        };
    }
}
