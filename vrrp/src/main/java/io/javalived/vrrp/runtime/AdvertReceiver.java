package io.javalived.vrrp.runtime;

import io.javalived.vrrp.packet.AuthType;
import io.javalived.vrrp.packet.IpsecAh;
import io.javalived.vrrp.receive.RejectReason;
import io.javalived.vrrp.state.VrrpState;

import io.javalived.vrrp.receive.AdvertValidator;
import io.javalived.vrrp.receive.Notice;
import io.javalived.vrrp.receive.ReceivedPacket;
import io.javalived.vrrp.receive.Reception;
import io.javalived.vrrp.state.VrrpEvent;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One instance's receive path, on its own thread: {@link AdvertSocket} -> {@link AdvertValidator} (decode and
 * keepalived's checks) -> counted in {@link InstanceCounters} -> a rejection logged once per reason and state, an
 * accepted advert left in the {@link AdvertMailbox} as a {@link VrrpEvent.AdvertReceived} (the latest per source;
 * the loop is woken when it was empty). Nothing here touches the state
 * machine. {@link #receive} is one packet's whole path.
 */
final class AdvertReceiver {
    private static final Logger log = LoggerFactory.getLogger(AdvertReceiver.class);
    private static final Duration POLL = Duration.ofMillis(200);
    private static final long PAUSE_AFTER_ERROR_MS = 100;
    private static final Set<Notice> WARNED_NOTICES = EnumSet.of(Notice.INTERVAL_MISMATCH, Notice.ADDRESS_LIST_MISMATCH);

    private final RunningInstance instance;
    private final LoopInbox loop;
    private final BooleanSupplier engineRunning;
    private final Set<RejectReason> loggedReasons = ConcurrentHashMap.newKeySet();
    private final Set<Notice> loggedNotices = ConcurrentHashMap.newKeySet();
    private static final long FLOOD_REPORT_NANOS = 10_000_000_000L;
    private static final long FLOOD_REPORT_MIN = 100;
    private final AdvertMailbox mailbox = new AdvertMailbox();
    private long floodReportedAt;
    private long supersededReported;
    private long overflowedReported;
    private volatile Thread thread;

    private final UnknownVrids unknownVrids;

    AdvertReceiver(RunningInstance instance, LoopInbox loop, BooleanSupplier engineRunning, UnknownVrids unknownVrids) {
        this.unknownVrids = unknownVrids;
        this.instance = instance;
        this.loop = loop;
        this.engineRunning = engineRunning;
    }

    /** The accepted adverts waiting for the loop. */
    AdvertMailbox mailbox() {
        return mailbox;
    }

    /** Starts the receive thread on {@code socket} (none without a socket). */
    void start(AdvertSocket socket) {
        if (socket == null) return;
        Thread t = new Thread(() -> run(socket), "vrrp-rx-" + instance.config().name());
        t.setDaemon(true);
        thread = t;
        t.start();
    }

    /** Interrupts the receive thread and waits for it (at most 1 s: it polls its socket every 200 ms). */
    void stop() {
        Thread t = thread;
        if (t == null) return;
        t.interrupt();
        try {
            t.join(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Interrupts the receive thread without waiting. */
    void interrupt() {
        Thread t = thread;
        if (t != null) t.interrupt();
    }

    /** A new state logs each drop reason and notice once again. */
    void forgetLogged() {
        loggedReasons.clear();
        loggedNotices.clear();
    }

    /**
     * Under a flood, one line per {@link #FLOOD_REPORT_NANOS} with what the mailbox coalesced, instead of a line per
     * advert (receive thread only).
     */
    private void reportFlood() {
        long now = System.nanoTime();
        if (now - floodReportedAt < FLOOD_REPORT_NANOS) return;
        long superseded = mailbox.superseded();
        long overflowed = mailbox.overflowed();
        long n = superseded - supersededReported + overflowed - overflowedReported;
        if (n >= FLOOD_REPORT_MIN) {
            log.warn("({}) adverts arrive faster than they can matter: {} replaced by a newer one from the same router"
                            + " and {} beyond {} waiting routers in the last {} s (VRRP acts on each router's latest)",
                    instance.config().name(), superseded - supersededReported, overflowed - overflowedReported,
                    AdvertMailbox.MAX_SOURCES, (now - floodReportedAt) / 1_000_000_000L);
        }
        supersededReported = superseded;
        overflowedReported = overflowed;
        floodReportedAt = now;
    }

    private boolean wanted() {
        return engineRunning.getAsBoolean() && !instance.removed() && !Thread.currentThread().isInterrupted();
    }

    private void run(AdvertSocket socket) {
        while (wanted()) {
            ReceivedPacket p;
            try {
                p = socket.receive(POLL);
            } catch (RuntimeException e) {
                if (!wanted()) return;
                log.warn("({}) receive failed: {}", instance.config().name(), e.getMessage());
                try {
                    Thread.sleep(PAUSE_AFTER_ERROR_MS);
                } catch (InterruptedException ie) {
                    return;
                }
                continue;
            }
            if (p != null) receive(p, instance.clock().getAsLong()); // read now: the down timer starts at arrival
        }
    }

    /**
     * IPsec AH anti-replay, as keepalived 2.2.7: an advert whose sequence number is not above the instance's counter
     * is dropped; a MASTER hearing a lower-priority advert (or an equal one from a lower address) moves its own numbers
     * past it, so the other router accepts its next adverts.
     */
    private Reception ahSequence(InstanceConfig c, Reception.Accepted a, byte[] datagram) {
        int ihl = (datagram[0] & 0x0f) * 4;
        long seq = IpsecAh.sequence(datagram, ihl);
        AhSequence counter = instance.builder().ahSequence();
        long had = counter.current();
        if (!counter.accept(seq)) {
            return new Reception.Rejected(RejectReason.AUTH_FAILURE, "IPsec AH sequence number " + seq + " from "
                    + a.source().getHostAddress() + " already processed (ours " + had + ")");
        }
        PerformedState now = instance.performed();
        int theirs = a.advert().priority();
        if (now.state() == VrrpState.MASTER && (theirs < now.priority() || theirs == now.priority()
                && java.util.Arrays.compareUnsigned(a.source().getAddress(), c.sourceAddress().getAddress()) < 0)) {
            counter.passLowerPriority(seq);
        }
        return a;
    }

    /** One packet: the checks, the counters, the log, and an accepted advert to the loop. */
    void receive(ReceivedPacket p) {
        receive(p, instance.clock().getAsLong());
    }

    /** As {@link #receive(ReceivedPacket)} for a packet read at {@code receivedAt} (the engine's clock). */
    void receive(ReceivedPacket p, long receivedAt) {
        InstanceConfig c = instance.config();
        Reception r = AdvertValidator.check(p, c.expectations(), instance.performed().master());
        if (r instanceof Reception.Accepted a && c.authType() == AuthType.AH
                && p instanceof ReceivedPacket.Ipv4Datagram d) {
            r = ahSequence(c, a, d.bytes());
        }
        if (r instanceof Reception.Rejected x && x.reason() == RejectReason.UNKNOWN_VRID) {
            unknownVrids.heard(instance, p); // log_unknown_vrids
            return; // another router's VRID on the same link: not ours to count
        }
        instance.counters().received().record(r);
        switch (r) {
            case Reception.Rejected x -> {
                if (loggedReasons.add(x.reason())) {
                    log.warn("({}) advert dropped ({}): {}", c.name(), x.reason(), x.detail());
                } else {
                    log.debug("({}) advert dropped ({}): {}", c.name(), x.reason(), x.detail());
                }
            }
            case Reception.Accepted a -> {
                if (a.notices().contains(Notice.OLD_UNICAST_CHECKSUM)) {
                    log.info("({}) Setting unicast VRRPv3 checksum to old version (peer {})", c.name(),
                            a.source().getHostAddress());
                    instance.builder().useOldUnicastChecksum();
                }
                for (Notice n : WARNED_NOTICES) {
                    if (a.notices().contains(n) && loggedNotices.add(n)) {
                        log.warn("({}) advert from {}: {}", c.name(), a.source().getHostAddress(),
                                n == Notice.INTERVAL_MISMATCH ? "advert interval differs from ours"
                                        : "VIP list differs from ours");
                    }
                }
                if (mailbox.offer(new VrrpEvent.AdvertReceived(a.source(), a.advert().priority(),
                        a.advert().intervalCentis()), receivedAt)) {
                    loop.advertsWaiting(instance);
                }
                reportFlood();
            }
        }
    }
}
