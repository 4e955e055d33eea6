package io.javalived.vrrp.runtime;

import io.javalived.vrrp.packet.AnnouncementFrames;
import io.javalived.vrrp.state.InstanceSettings;
import io.javalived.vrrp.state.Vip;
import io.javalived.vrrp.state.VrrpEvent;
import io.javalived.vrrp.state.VrrpStateMachine;
import java.net.InetAddress;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the takeover and stop code paths off the wire before they are needed: advert encoding for priority 0
 * and our own, the VIPs' gratuitous ARP / NA frames, and a throwaway state machine through BACKUP, a master's advert, its priority-0 advert, the
 * takeover and SHUTDOWN (it only returns actions; none is performed). Without it the first takeover paid
 * 0.65-1.05 ms inside the state machine alone (class loading, call-site linking, interpretation) between the
 * timer and the advert; with it, under 0.1 ms.
 */
final class WarmUp {
    private static final Logger log = LoggerFactory.getLogger(WarmUp.class);
    /** Enough calls for the JIT (C1 thresholds are a few hundred calls) to compile the takeover path at start. */
    private static final int ROUNDS = 300;

    private WarmUp() {}

    /**
     * Warms every instance's paths up on a short-lived thread of its own: the JIT's work is shared by all threads, so
     * the VRRP loop gains from it without waiting for it. Its frames and
     * state machines are throwaway ones: nothing it does touches a running instance.
     */
    static void inBackground(java.util.Collection<RunningInstance> instances) {
        java.util.List<RunningInstance> copy = java.util.List.copyOf(instances);
        if (copy.isEmpty()) return;
        Thread t = new Thread(() -> copy.forEach(WarmUp::run), "vrrp-warmup");
        t.setDaemon(true);
        t.setPriority(Thread.MIN_PRIORITY);
        t.start();
    }

    static void run(RunningInstance i) {
        InstanceSettings s = i.config().settings();
        // a throwaway builder: the instance's own IP identification and IPsec AH sequence number stay untouched
        // (an AH peer refuses numbers it has already seen)
        AdvertBuilder builder = new AdvertBuilder(i.config(), 0);
        byte[] mac = new byte[6];
        try {
            for (int k = 0; k < ROUNDS; k++) {
                // the takeover's gratuitous ARPs / NAs: building the first frame cold took 2-10 ms on a busy machine
                for (Vip v : i.config().allVips()) AnnouncementFrames.announce(mac, v.address(), false);
                builder.build(0);
                builder.build(s.basePriority());
                VrrpStateMachine m = new VrrpStateMachine(s);
                long t = 1_000_000_000L;
                m.handle(VrrpEvent.START, t);
                InetAddress peer = InetAddress.getLoopbackAddress();
                m.handle(new VrrpEvent.AdvertReceived(peer, 255, s.intervalCentis()), t);
                m.handle(new VrrpEvent.AdvertReceived(peer, 0, s.intervalCentis()), t);
                for (int n = 0; n < 3 && m.nextDeadline() != VrrpStateMachine.NEVER; n++) {
                    t = Math.max(t, m.nextDeadline());
                    m.handle(VrrpEvent.TICK, t);
                }
                m.handle(VrrpEvent.SHUTDOWN, t);
            }
        } catch (RuntimeException e) {
            log.debug("({}) warm-up skipped: {}", i.name(), e.toString());
        }
    }
}
