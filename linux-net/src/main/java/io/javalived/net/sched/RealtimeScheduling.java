package io.javalived.net.sched;

import static java.lang.foreign.ValueLayout.JAVA_INT;

import io.javalived.net.ffm.ErrnoException;
import io.javalived.net.ffm.NativeCall;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

/**
 * A thread's scheduling policy, as {@code java.lang.foreign} downcalls: gettid(2), sched_setscheduler(2) and
 * sched_getscheduler(2) on one thread (Linux schedules threads, so a tid names exactly one), and the SCHED_RR
 * priority range. keepalived's {@code max_auto_priority} raises its process to SCHED_RR; javalived raises the one
 * thread that runs VRRP.
 */
public final class RealtimeScheduling {
    private RealtimeScheduling() {}

    public static final int SCHED_OTHER = 0;
    public static final int SCHED_RR = 2;
    /** Threads and processes this one starts do not inherit the realtime policy (as keepalived sets it). */
    public static final int SCHED_RESET_ON_FORK = 0x40000000;

    private static final MemorySegment GETTID = NativeCall.function("gettid");
    private static final MemorySegment SETSCHEDULER = NativeCall.function("sched_setscheduler");
    private static final MemorySegment GETSCHEDULER = NativeCall.function("sched_getscheduler");
    private static final MemorySegment PRIORITY_MIN = NativeCall.function("sched_get_priority_min");
    private static final MemorySegment PRIORITY_MAX = NativeCall.function("sched_get_priority_max");

    public static final int PR_SET_TIMERSLACK = 29;
    public static final int PR_GET_TIMERSLACK = 30;
    private static final MemorySegment PRCTL = NativeCall.function("prctl");
    private static final MemorySegment PRCTL_GET = NativeCall.function("prctl");

    /**
     * prctl(PR_SET_TIMERSLACK): the calling thread's timer slack, how much later than asked the kernel may end its
     * timed sleeps to batch wake-ups (50 us by default; 0 puts the default back).
     */
    public static void timerSlack(long nanos) {
        try {
            MemorySegment capture = NativeCall.capture();
            int r = (int) NativeCall.call(PRCTL, capture, PR_SET_TIMERSLACK, nanos);
            if (r < 0) throw new ErrnoException("prctl(PR_SET_TIMERSLACK, " + nanos + ")", NativeCall.errno(capture));
        } catch (ErrnoException e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException("prctl: " + t, t);
        }
    }

    /** prctl(PR_GET_TIMERSLACK): the calling thread's timer slack in nanoseconds. */
    public static long timerSlack() {
        try {
            return (int) NativeCall.call(PRCTL, NativeCall.capture(), PR_GET_TIMERSLACK);
        } catch (Throwable t) {
            throw new IllegalStateException("prctl: " + t, t);
        }
    }

    /** The calling thread's kernel id. */
    public static int currentThreadId() {
        try {
            return (int) NativeCall.call(GETTID, NativeCall.capture());
        } catch (Throwable t) {
            throw new IllegalStateException("gettid: " + t, t);
        }
    }

    /** sched_get_priority_min(SCHED_RR): 1 on Linux. */
    public static int roundRobinMin() {
        return range(PRIORITY_MIN, "sched_get_priority_min");
    }

    /** sched_get_priority_max(SCHED_RR): 99 on Linux. */
    public static int roundRobinMax() {
        return range(PRIORITY_MAX, "sched_get_priority_max");
    }

    /**
     * Puts thread {@code tid} under SCHED_RR (reset on fork) at {@code priority}.
     *
     * @throws ErrnoException when the kernel refuses (EPERM without CAP_SYS_NICE or under an RT limit, EINVAL)
     */
    public static void roundRobin(int tid, int priority) {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment capture = NativeCall.capture();
            MemorySegment param = a.allocate(JAVA_INT);
            param.set(JAVA_INT, 0, priority);
            int r = (int) NativeCall.call(SETSCHEDULER, capture, tid, SCHED_RR | SCHED_RESET_ON_FORK, NativeCall.address(param));
            if (r < 0) {
                throw new ErrnoException("sched_setscheduler(" + tid + ", SCHED_RR, " + priority + ")",
                        NativeCall.errno(capture));
            }
        } catch (ErrnoException e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException("sched_setscheduler: " + t, t);
        }
    }

    /** Thread {@code tid}'s policy (SCHED_OTHER, SCHED_RR...; without the reset-on-fork flag). */
    public static int policy(int tid) {
        try {
            MemorySegment capture = NativeCall.capture();
            int r = (int) NativeCall.call(GETSCHEDULER, capture, tid);
            if (r < 0) throw new ErrnoException("sched_getscheduler(" + tid + ")", NativeCall.errno(capture));
            return r & ~SCHED_RESET_ON_FORK;
        } catch (ErrnoException e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException("sched_getscheduler: " + t, t);
        }
    }

    private static int range(MemorySegment function, String what) {
        try {
            return (int) NativeCall.call(function, NativeCall.capture(), SCHED_RR);
        } catch (Throwable t) {
            throw new IllegalStateException(what + ": " + t, t);
        }
    }
}
