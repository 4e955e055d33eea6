package io.javalived.net.file;

import io.javalived.net.ffm.NativeCall;
import java.lang.foreign.MemorySegment;

/** umask(2), process-wide (every thread, and the scripts it starts, inherit it): it cannot fail. */
public final class Umask {
    private Umask() {}

    private static final MemorySegment UMASK = NativeCall.function("umask");

    /** Sets the file mode creation mask to {@code mask} (0-0777); returns the previous one. */
    public static int set(int mask) {
        if ((mask & ~0777) != 0) throw new IllegalArgumentException("umask " + Integer.toOctalString(mask) + " outside 0-0777");
        try {
            return (int) NativeCall.call(UMASK, NativeCall.capture(), mask);
        } catch (Throwable t) {
            throw new IllegalStateException("umask: " + t, t);
        }
    }

    /**
     * The current mask, from the "Umask:" line of /proc/self/status (Linux 4.7 and later): reading it through umask(2)
     * would set it to 0 for a moment, and a file another thread creates then would get mode 0666.
     */
    public static int current() {
        try {
            for (String line : java.nio.file.Files.readAllLines(java.nio.file.Path.of("/proc/self/status"))) {
                if (line.startsWith("Umask:")) return Integer.parseInt(line.substring(6).strip(), 8);
            }
        } catch (java.io.IOException | NumberFormatException e) {
            // fall through
        }
        throw new IllegalStateException("/proc/self/status has no Umask line");
    }
}
