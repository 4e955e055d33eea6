package io.javalived.vrrp.state;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.PriorityQueue;
import java.util.Random;
import java.util.Set;

/**
 * A discrete-event simulation of VRRP routers on one LAN with a virtual monotonic clock: adverts travel with a
 * delay and may be lost, duplicated or cut off by a partition; routers may crash (silently) or stop gracefully.
 * It records who holds the VIPs, so tests can assert that exactly one router does.
 */
final class VirtualLan {
    static final long MS = 1_000_000L;

    final class Router {
        final VrrpStateMachine machine;
        final InetAddress address;
        boolean crashed;
        boolean vips;
        int side; // partition side
        final List<VrrpAction> log = new ArrayList<>();
        long vipsSince = -1;

        Router(InstanceSettings s) {
            this.machine = new VrrpStateMachine(s);
            this.address = s.primaryAddress();
        }

        String name() {
            return machine.settings().name();
        }

        void perform(List<VrrpAction> actions) {
            for (VrrpAction a : actions) {
                log.add(a);
                switch (a) {
                    case VrrpAction.SendAdvert sa -> broadcast(this, sa.priority());
                    case VrrpAction.AddVips av -> {
                        vips = true;
                        vipsSince = now;
                    }
                    case VrrpAction.RemoveVips rv -> vips = false;
                    default -> { }
                }
            }
        }
    }

    private record Delivery(long at, long seq, Router to, VrrpEvent event) {}

    final List<Router> routers = new ArrayList<>();
    private final PriorityQueue<Delivery> queue = new PriorityQueue<>((a, b) ->
            a.at != b.at ? Long.compare(a.at, b.at) : Long.compare(a.seq, b.seq));
    private long seq;
    long now;
    final Random random;
    double loss;
    double duplication;
    long delayNanos = 100_000; // 0.1 ms on the wire
    long advertsSent;

    VirtualLan(long seed) {
        this.random = new Random(seed);
    }

    Router add(InstanceSettings s) {
        Router r = new Router(s);
        routers.add(r);
        return r;
    }

    void startAll() {
        for (Router r : routers) r.perform(r.machine.handle(VrrpEvent.START, now));
    }

    private void broadcast(Router from, int priority) {
        advertsSent++;
        for (Router to : routers) {
            if (to == from || to.crashed || to.side != from.side) continue;
            if (random.nextDouble() < loss) continue;
            var ev = new VrrpEvent.AdvertReceived(from.address, priority, from.machine.settings().intervalCentis());
            queue.add(new Delivery(now + delayNanos, seq++, to, ev));
            if (random.nextDouble() < duplication) queue.add(new Delivery(now + delayNanos + 1, seq++, to, ev));
        }
    }

    /** Runs the simulation until {@code until} (absolute virtual nanoseconds). */
    void runUntil(long until) {
        while (true) {
            long nextTimer = Long.MAX_VALUE;
            Router timerOwner = null;
            for (Router r : routers) {
                if (r.crashed) continue;
                long d = r.machine.nextDeadline();
                if (d < nextTimer) {
                    nextTimer = d;
                    timerOwner = r;
                }
            }
            Delivery next = queue.peek();
            long t = Math.min(nextTimer, next == null ? Long.MAX_VALUE : next.at);
            if (t > until) break;
            now = Math.max(now, t);
            if (next != null && next.at <= nextTimer) {
                queue.poll();
                if (!next.to.crashed) next.to.perform(next.to.machine.handle(next.event, now));
            } else {
                timerOwner.perform(timerOwner.machine.handle(VrrpEvent.TICK, now));
            }
        }
        now = Math.max(now, until);
    }

    void runFor(long nanos) {
        runUntil(now + nanos);
    }

    /** kill -9: the router says nothing more and keeps its VIPs configured (a crash does not clean up). */
    void crash(Router r) {
        r.crashed = true;
    }

    void stop(Router r) {
        r.perform(r.machine.handle(VrrpEvent.SHUTDOWN, now));
        r.crashed = true;
    }

    /** The clock jumps forward (a suspended VM resumes): every pending timer is overdue at once. */
    void jump(long nanos) {
        now += nanos;
        List<Delivery> pending = new ArrayList<>(queue);
        queue.clear();
        for (Delivery d : pending) queue.add(new Delivery(Math.max(d.at, now), d.seq, d.to, d.event));
    }

    Set<Router> vipHolders() {
        Set<Router> s = new HashSet<>();
        for (Router r : routers) if (r.vips && !r.crashed) s.add(r);
        return s;
    }

    List<Router> masters() {
        return routers.stream().filter(r -> !r.crashed && r.machine.state() == VrrpState.MASTER).toList();
    }
}
