package io.javalived.net.sched;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import io.javalived.net.ffm.ErrnoException;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.VarHandle;

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

    private static final Linker LINKER = Linker.nativeLinker();
    private static final StructLayout CAPTURE_LAYOUT = Linker.Option.captureStateLayout();
    private static final VarHandle ERRNO = CAPTURE_LAYOUT.varHandle(MemoryLayout.PathElement.groupElement("errno"));
    private static final MethodHandle GETTID = handle("gettid", FunctionDescriptor.of(JAVA_INT));
    private static final MethodHandle SETSCHEDULER = handle("sched_setscheduler",
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, ADDRESS));
    private static final MethodHandle GETSCHEDULER = handle("sched_getscheduler", FunctionDescriptor.of(JAVA_INT, JAVA_INT));
    private static final MethodHandle PRIORITY_MIN = handle("sched_get_priority_min", FunctionDescriptor.of(JAVA_INT, JAVA_INT));
    private static final MethodHandle PRIORITY_MAX = handle("sched_get_priority_max", FunctionDescriptor.of(JAVA_INT, JAVA_INT));

    public static final int PR_SET_TIMERSLACK = 29;
    public static final int PR_GET_TIMERSLACK = 30;
    private static final MethodHandle PRCTL_SET = LINKER.downcallHandle(LINKER.defaultLookup().findOrThrow("prctl"),
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_LONG), Linker.Option.firstVariadicArg(1),
            Linker.Option.captureCallState("errno"));
    private static final MethodHandle PRCTL_GET = handle("prctl", FunctionDescriptor.of(JAVA_INT, JAVA_INT));

    /**
     * prctl(PR_SET_TIMERSLACK): the calling thread's timer slack, how much later than asked the kernel may end its
     * timed sleeps to batch wake-ups (50 us by default; 0 puts the default back).
     */
    public static void timerSlack(long nanos) {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment capture = a.allocate(CAPTURE_LAYOUT);
            int r = (int) PRCTL_SET.invokeExact(capture, PR_SET_TIMERSLACK, nanos);
            if (r < 0) throw new ErrnoException("prctl(PR_SET_TIMERSLACK, " + nanos + ")", (int) ERRNO.get(capture, 0L));
        } catch (ErrnoException e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException("prctl: " + t, t);
        }
    }

    /** prctl(PR_GET_TIMERSLACK): the calling thread's timer slack in nanoseconds. */
    public static long timerSlack() {
        try (Arena a = Arena.ofConfined()) {
            return (int) PRCTL_GET.invokeExact(a.allocate(CAPTURE_LAYOUT), PR_GET_TIMERSLACK);
        } catch (Throwable t) {
            throw new IllegalStateException("prctl: " + t, t);
        }
    }

    private static MethodHandle handle(String name, FunctionDescriptor d) {
        return LINKER.downcallHandle(LINKER.defaultLookup().findOrThrow(name), d, Linker.Option.captureCallState("errno"));
    }

    /** The calling thread's kernel id. */
    public static int currentThreadId() {
        try (Arena a = Arena.ofConfined()) {
            return (int) GETTID.invokeExact(a.allocate(CAPTURE_LAYOUT));
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
            MemorySegment capture = a.allocate(CAPTURE_LAYOUT);
            MemorySegment param = a.allocate(JAVA_INT);
            param.set(JAVA_INT, 0, priority);
            int r = (int) SETSCHEDULER.invokeExact(capture, tid, SCHED_RR | SCHED_RESET_ON_FORK, param);
            if (r < 0) {
                throw new ErrnoException("sched_setscheduler(" + tid + ", SCHED_RR, " + priority + ")",
                        (int) ERRNO.get(capture, 0L));
            }
        } catch (ErrnoException e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException("sched_setscheduler: " + t, t);
        }
    }

    /** Thread {@code tid}'s policy (SCHED_OTHER, SCHED_RR...; without the reset-on-fork flag). */
    public static int policy(int tid) {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment capture = a.allocate(CAPTURE_LAYOUT);
            int r = (int) GETSCHEDULER.invokeExact(capture, tid);
            if (r < 0) throw new ErrnoException("sched_getscheduler(" + tid + ")", (int) ERRNO.get(capture, 0L));
            return r & ~SCHED_RESET_ON_FORK;
        } catch (ErrnoException e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException("sched_getscheduler: " + t, t);
        }
    }

    private static int range(MethodHandle h, String what) {
        try (Arena a = Arena.ofConfined()) {
            return (int) h.invokeExact(a.allocate(CAPTURE_LAYOUT), SCHED_RR);
        } catch (Throwable t) {
            throw new IllegalStateException(what + ": " + t, t);
        }
    }
}
