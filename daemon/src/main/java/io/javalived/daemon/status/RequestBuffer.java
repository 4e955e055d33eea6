package io.javalived.daemon.status;

import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * The bytes a status client sent that no answer has used yet: appended as they arrive, consumed a request at a
 * time. It never holds more than an unfinished request (refused beyond the size limit) and one read.
 */
final class RequestBuffer {
    private byte[] bytes;
    private int length;

    RequestBuffer(int initialCapacity) {
        bytes = new byte[Math.max(256, Math.min(initialCapacity, 4096))];
    }

    void append(ByteBuffer data) {
        int n = data.remaining();
        if (length + n > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, length + n));
        }
        data.get(bytes, length, n);
        length += n;
    }

    /** Drops the first {@code n} bytes (a request answered). */
    void consume(int n) {
        System.arraycopy(bytes, n, bytes, 0, length - n);
        length -= n;
    }

    void clear() {
        length = 0;
    }

    byte[] bytes() {
        return bytes;
    }

    int length() {
        return length;
    }
}
