package io.javalived.scripts;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Drains a script's stdout or stderr to its end, keeping only the first {@code limit} bytes: a chatty script
 * never blocks on a full pipe and never grows the daemon's memory.
 */
final class BoundedOutput {
    private final byte[] kept;
    private int size;
    private long dropped;

    BoundedOutput(int limit) {
        this.kept = new byte[limit];
    }

    /** Reads {@code in} until end of file (or until it is closed under us). */
    void drain(InputStream in) {
        byte[] buf = new byte[8192];
        try (in) {
            int n;
            while ((n = in.read(buf)) >= 0) {
                synchronized (this) {
                    int take = Math.min(n, kept.length - size);
                    System.arraycopy(buf, 0, kept, size, take);
                    size += take;
                    dropped += n - take;
                }
            }
        } catch (IOException closed) {
            // the stream was closed because the run is over: keep what we have
        }
    }

    synchronized String text() {
        String s = new String(Arrays.copyOf(kept, size), StandardCharsets.UTF_8);
        return dropped > 0 ? s + "[... " + dropped + " more bytes dropped]" : s;
    }
}
