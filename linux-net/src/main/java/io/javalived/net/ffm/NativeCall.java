package io.javalived.net.ffm;

import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.foreign.SymbolLookup;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.VarHandle;

/**
 * The one downcall every C call of javalived goes through: {@code long f(long, long, long, long, long, long)} with
 * errno captured, the function's address given at each call. Linking a downcall costs the JVM several milliseconds
 * (generated classes and lambda forms that no AOT cache holds), and it is paid once per distinct descriptor: with
 * one descriptor per C function the daemon's start spent about 190 ms linking 25 of them before it was ready. Every
 * C function javalived calls takes at most six arguments of the integer class (int, long, pointer) and returns one
 * (or nothing), and on the Linux ABIs the JDK supports (x86-64 System V, AArch64) all of those travel in the same
 * general-purpose registers whatever their C type: so one shape serves them all.
 *
 * <p>How the values map: an int argument is passed as a long (the callee reads its low 32 bits); a pointer as
 * {@link #address(MemorySegment)} (native memory only: a heap segment has no address the C function could use);
 * surplus arguments are zeros the callee never reads; an int result is the low 32 bits of the long
 * ({@code (int) r}: the upper half is undefined); a pointer result is an address for
 * {@link MemorySegment#ofAddress(long)}. On x86-64 the JDK also sets {@code %al} (the vector-register count a
 * variadic callee reads) at every downcall, so variadic functions (open, ioctl, prctl) are called the same way.
 *
 * <p>The memory a pointer argument points to must stay alive for the call: the caller holds the segment (or its
 * arena) in a variable used after the call, or calls {@link java.lang.ref.Reference#reachabilityFence(Object)}
 * on it; segments of GC-managed arenas ({@code Arena.ofAuto()}) need the fence.
 */
public final class NativeCall {
    private NativeCall() {}

    private static final Linker LINKER = Linker.nativeLinker();
    private static final SymbolLookup LOOKUP = LINKER.defaultLookup();
    private static final StructLayout CAPTURE_LAYOUT = Linker.Option.captureStateLayout();
    private static final VarHandle ERRNO = CAPTURE_LAYOUT.varHandle(MemoryLayout.PathElement.groupElement("errno"));
    private static final ThreadLocal<MemorySegment> CAPTURE =
            ThreadLocal.withInitial(() -> Arena.ofAuto().allocate(CAPTURE_LAYOUT));
    /** (target address, errno capture, six arguments) -> result: the only downcall linked. */
    private static final MethodHandle CALL = LINKER.downcallHandle(
            FunctionDescriptor.of(JAVA_LONG, JAVA_LONG, JAVA_LONG, JAVA_LONG, JAVA_LONG, JAVA_LONG, JAVA_LONG),
            Linker.Option.captureCallState("errno"));

    /** The C library's function {@code name} (looked up now; nothing is linked). */
    public static MemorySegment function(String name) {
        return LOOKUP.findOrThrow(name);
    }

    /** This thread's errno capture segment: pass it to a call, then read {@link #errno(MemorySegment)}. */
    public static MemorySegment capture() {
        return CAPTURE.get();
    }

    /** The errno the last call with {@code capture} left (meaningful only after a failure). */
    public static int errno(MemorySegment capture) {
        return (int) ERRNO.get(capture, 0L);
    }

    /** A pointer argument: the address of native memory, 0 for {@link MemorySegment#NULL}. */
    public static long address(MemorySegment s) {
        if (!s.isNative()) throw new IllegalArgumentException("a C function needs native memory, not " + s);
        return s.address();
    }

    public static long call(MemorySegment fn, MemorySegment capture) {
        return call(fn, capture, 0, 0, 0, 0, 0, 0);
    }

    public static long call(MemorySegment fn, MemorySegment capture, long a) {
        return call(fn, capture, a, 0, 0, 0, 0, 0);
    }

    public static long call(MemorySegment fn, MemorySegment capture, long a, long b) {
        return call(fn, capture, a, b, 0, 0, 0, 0);
    }

    public static long call(MemorySegment fn, MemorySegment capture, long a, long b, long c) {
        return call(fn, capture, a, b, c, 0, 0, 0);
    }

    public static long call(MemorySegment fn, MemorySegment capture, long a, long b, long c, long d) {
        return call(fn, capture, a, b, c, d, 0, 0);
    }

    public static long call(MemorySegment fn, MemorySegment capture, long a, long b, long c, long d, long e) {
        return call(fn, capture, a, b, c, d, e, 0);
    }

    /** Calls {@code fn} with six arguments; its errno lands in {@code capture}. */
    public static long call(MemorySegment fn, MemorySegment capture, long a, long b, long c, long d, long e, long f) {
        try {
            return (long) CALL.invokeExact(fn, capture, a, b, c, d, e, f);
        } catch (RuntimeException | Error x) {
            throw x;
        } catch (Throwable t) {
            throw new NativeException("native call failed", t);
        }
    }
}
