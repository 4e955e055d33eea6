package io.javalived.vrrp.runtime;

import io.javalived.vrrp.state.Step;
import io.javalived.vrrp.state.SyncGroup;
import io.javalived.vrrp.state.Vip;
import io.javalived.vrrp.state.VrrpAction;
import io.javalived.vrrp.state.VrrpEvent;
import io.javalived.vrrp.state.VrrpStateMachine;
import java.net.InetAddress;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The VRRP loop: one thread owns every state machine. It takes work from its inbox (adverts from the receive
 * threads, tracker changes, reload and stop steps), fires the timers that are due (each lone instance's and each
 * sync group's), hands events to the state machines (through their sync group when they have one) and passes
 * every resulting action, in order, to the {@link ActionPerformer}.
 */
final class EngineLoop implements LoopInbox {
    private static final Logger log = LoggerFactory.getLogger(EngineLoop.class);
    private static final long IDLE_WAIT_NANOS = 1_000_000_000L;

    private final LinkedBlockingQueue<Runnable> inbox = new LinkedBlockingQueue<>();
    private final AtomicBoolean running = new AtomicBoolean();
    private final LongSupplier clock;
    private final ActionPerformer performer;
    private final AddressWatcher addresses;
    private final AutoPriority autoPriority;
    /** Replaced (never changed) on the loop thread by a reload, read by anyone. */
    private volatile Roster roster = Roster.EMPTY;
    private Thread thread;
    /** The latest time an event was handled at (loop thread only). */
    private long handledUpTo = Long.MIN_VALUE;

    EngineLoop(LongSupplier clock, ActionPerformer performer, AddressWatcher addresses, AutoPriority autoPriority) {
        this.clock = clock;
        this.performer = performer;
        this.addresses = addresses;
        this.autoPriority = autoPriority;
    }

    Roster roster() {
        return roster;
    }

    /** Publishes the instances and groups to run (before {@link #start()}, or on the loop thread). */
    void roster(Roster r) {
        roster = r;
    }

    /** Marks the loop running; false if it already was. */
    boolean begin() {
        return running.compareAndSet(false, true);
    }

    boolean running() {
        return running.get();
    }

    /** The loop finishes what its inbox holds, then its thread ends. */
    void end() {
        running.set(false);
    }

    void start() {
        thread = new Thread(this::run, "vrrp-loop");
        thread.start();
    }

    void join(long millis) throws InterruptedException {
        if (thread != null) thread.join(millis);
    }

    long now() {
        return clock.getAsLong();
    }

    void post(Runnable r) {
        inbox.add(r);
    }

    @Override
    public void advertsWaiting(RunningInstance i) {
        post(() -> {
            for (AdvertMailbox.Waiting w : i.receiver().mailbox().takeAll()) dispatch(i, w.advert(), w.receivedAt());
        });
    }

    @Override
    public void trackersChanged(RunningInstance i) {
        post(() -> healthChanged(i));
    }

    @Override
    public void addressRemoved(InetAddress address) {
        post(() -> vipsRemoved(address));
    }

    /**
     * Each instance with a VIP of {@code address} that is not present now hears {@link VrrpEvent.VipMissing}. Checked
     * on the loop, after the engine's own removals: a VIP the engine removed belongs to an instance that is no
     * longer MASTER (or no longer has it), whose machine ignores the event.
     */
    private void vipsRemoved(InetAddress address) {
        for (RunningInstance i : roster.instances().values()) {
            for (Vip v : i.machine().settings().vips()) {
                if (v.address().equals(address) && !addresses.present(v)) dispatch(i, new VrrpEvent.VipMissing(v));
            }
        }
    }

    /** Runs {@code step} on the loop thread (which owns every state machine) and waits for it (at most 10 s). */
    <T> T onLoop(Supplier<T> step) {
        if (Thread.currentThread() == thread) return step.get();
        var done = new CompletableFuture<T>();
        post(() -> {
            try {
                done.complete(step.get());
            } catch (RuntimeException e) {
                done.completeExceptionally(e);
            }
        });
        try {
            return done.get(10, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("the VRRP loop did not take the reload within 10 s");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reloading");
        }
    }

    /** Hands {@code e} to the instance's state machine, or its sync group's, and performs what follows. */
    void dispatch(RunningInstance i, VrrpEvent e) {
        dispatch(i, e, now());
    }

    /**
     * As {@link #dispatch(RunningInstance, VrrpEvent)} for an event that happened at {@code at} (an advert: when its
     * receive thread read it), so the timers it starts do not also carry the hop to this thread. Never earlier than
     * an event the loop already handled: the state machines' time only goes forward.
     */
    void dispatch(RunningInstance i, VrrpEvent e, long at) {
        long now = Math.max(at, handledUpTo);
        handledUpTo = now;
        Roster r = roster;
        SyncGroup g = r.groupOf(i);
        if (g != null) {
            perform(r, g.handle(i.name(), e, now));
        } else {
            perform(i, i.machine().handle(e, now));
        }
    }

    void perform(RunningInstance i, List<VrrpAction> actions) {
        for (VrrpAction a : actions) performer.perform(i, a);
    }

    /** Tells the instance's state machine its health if it changed since it was last told. */
    void healthChanged(RunningInstance i) {
        i.trackers().changedHealth().ifPresent(h -> dispatch(i,
                new VrrpEvent.HealthChanged(h.fault(), h.effectivePriority(), h.reason(), !h.initPending().isEmpty())));
    }

    private void perform(Roster r, List<Step> steps) {
        for (Step s : steps) performer.perform(r.instance(s.instance()), s.action());
    }

    private void run() {
        autoPriority.loopStarted();
        while (running.get() || !inbox.isEmpty()) {
            try {
                long next = nextDeadline();
                long wait = next == VrrpStateMachine.NEVER ? IDLE_WAIT_NANOS : next - now();
                Runnable r = wait > 0 ? inbox.poll(wait, TimeUnit.NANOSECONDS) : inbox.poll();
                if (r != null) r.run();
                tickDue();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                log.error("VRRP loop: {}", e.toString(), e);
            }
        }
    }

    private long nextDeadline() {
        Roster r = roster;
        long next = VrrpStateMachine.NEVER;
        for (RunningInstance i : r.instances().values()) {
            if (r.groupOf(i) == null) next = Math.min(next, i.machine().nextDeadline());
        }
        for (SyncGroup g : r.groups().values()) next = Math.min(next, g.nextDeadline());
        return next;
    }

    private void tickDue() {
        long now = now();
        Roster r = roster;
        long earliestDue = VrrpStateMachine.NEVER;   // the timer most overdue, for max_auto_priority
        for (RunningInstance i : r.instances().values()) {
            long due = i.machine().nextDeadline();
            if (r.groupOf(i) == null && due <= now) {
                earliestDue = Math.min(earliestDue, due);
                dispatch(i, VrrpEvent.TICK);
            }
        }
        for (SyncGroup g : r.groups().values()) {
            long due = g.nextDeadline();
            if (due <= now) {
                earliestDue = Math.min(earliestDue, due);
                perform(r, g.tick(now));
            }
        }
        if (earliestDue < now) autoPriority.fired(now - earliestDue);
    }
}
