package io.javalived.vrrp.runtime;

import io.javalived.vrrp.state.Vip;
import java.net.Inet6Address;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Spaces gratuitous ARPs and unsolicited NAs as keepalived's {@code vrrp_garp_interval} and {@code vrrp_gna_interval}
 * do: after one goes out on an interface, the next one of the same kind on that interface waits until the interval
 * has passed (whatever instance or VIP it is for); the waiting ones go out in order from a timer thread. With an
 * interval of 0 (the default) every announcement is sent at once, on the caller's thread. The frames themselves are
 * the {@link Platform}'s {@link Announcer}.
 */
final class PacedAnnouncer implements Announcer, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(PacedAnnouncer.class);

    private final Supplier<Announcer> frames;
    private final LongSupplier clock;
    private volatile Duration garpInterval = Duration.ZERO;
    private volatile Duration gnaInterval = Duration.ZERO;
    /** One lane per interface and kind (ARP or NA): its queue and when it may send next. */
    private final Map<String, Lane> lanes = new ConcurrentHashMap<>();
    private ScheduledExecutorService timer;

    private static final class Lane {
        final ArrayDeque<Vip> waiting = new ArrayDeque<>();
        long nextFree;
        boolean sentOnce;
        boolean scheduled;

        boolean free(long now) {
            return !sentOnce || now - nextFree >= 0;
        }

        void sent(long now, Duration interval) {
            sentOnce = true;
            nextFree = now + interval.toNanos();
        }
    }

    PacedAnnouncer(Supplier<Announcer> frames, LongSupplier clock) {
        this.frames = frames;
        this.clock = clock;
    }

    void intervals(Duration garp, Duration gna) {
        this.garpInterval = garp;
        this.gnaInterval = gna;
    }

    private Duration interval(Vip vip) {
        return vip.address() instanceof Inet6Address ? gnaInterval : garpInterval;
    }

    @Override
    public void announce(Vip vip, int count) {
        Duration interval = interval(vip);
        if (interval.isZero()) {
            frames.get().announce(vip, count);
            return;
        }
        Lane lane = lanes.computeIfAbsent(vip.device() + (vip.address() instanceof Inet6Address ? " NA" : " ARP"),
                k -> new Lane());
        synchronized (lane) {
            boolean sendFirst = !lane.scheduled && lane.waiting.isEmpty() && lane.free(clock.getAsLong());
            for (int n = sendFirst ? 1 : 0; n < count; n++) lane.waiting.add(vip);
            try {
                if (sendFirst) send(lane, vip); // the caller logs a failure, as unpaced
            } finally {
                if (!lane.waiting.isEmpty() && !lane.scheduled) schedule(lane);
            }
        }
    }

    /**
     * One announcement, the lane's lock held: the next one on the lane waits the interval from when this one was
     * sent (as keepalived notes the next time after sending).
     */
    private void send(Lane lane, Vip v) {
        try {
            frames.get().announce(v, 1);
        } finally {
            lane.sent(clock.getAsLong(), interval(v));
        }
    }

    /** Sends the lane's next announcement when it may (lane's lock held). */
    private void schedule(Lane lane) {
        lane.scheduled = true;
        long wait = lane.sentOnce ? Math.max(0, lane.nextFree - clock.getAsLong()) : 0;
        timer().schedule(() -> drain(lane), wait, TimeUnit.NANOSECONDS);
    }

    private void drain(Lane lane) {
        synchronized (lane) {
            lane.scheduled = false;
            if (!lane.free(clock.getAsLong())) {
                schedule(lane);
                return;
            }
            Vip v = lane.waiting.poll();
            if (v == null) return;
            try {
                send(lane, v);
            } catch (RuntimeException e) {
                log.warn("gratuitous ARP/NA for {} not sent: {}", v, e.getMessage());
            }
            if (!lane.waiting.isEmpty()) schedule(lane);
        }
    }

    private synchronized ScheduledExecutorService timer() {
        if (timer == null) {
            timer = Executors.newSingleThreadScheduledExecutor(r -> Thread.ofPlatform().daemon().name("vrrp-garp-pacer").unstarted(r));
        }
        return timer;
    }

    @Override
    public synchronized void close() {
        if (timer != null) timer.shutdownNow();
    }
}
