package io.javalived.parser.lex;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * Reads a file as keepalived does with {@code fgets} into a 1024-byte buffer: one line at a time, lines
 * longer than keepalived's limit are flagged (and later ignored), lines with a NUL byte are flagged.
 * Streams with a fixed buffer, so a 100 MB file or a 100 MB line costs bounded memory.
 */
final class PhysicalLineReader implements AutoCloseable {
    /** Longest line content keepalived accepts (1024-byte buffer, minus newline and terminator). */
    static final int MAX_LINE = 1022;

    private final InputStream in;
    private static final int BUFFER = 1 << 16;
    /** A fresh array at each fill: plain lines' tokens keep pointing into the one they were read from. */
    private byte[] buf = new byte[BUFFER];
    private int pos;
    private int limit;
    private boolean eof;
    private final byte[] line = new byte[MAX_LINE + 1];
    private int lineNumber;
    private long lineLength;
    private boolean hasNul;

    PhysicalLineReader(InputStream in) {
        this.in = in;
    }

    private byte[] plainBytes;
    private int plainFrom;
    private int plainTo;

    /**
     * The fast path for most lines: the next line, if it lies wholly in the buffer, fits keepalived's limit
     * and holds only printable ASCII and tabs with none of the characters keepalived's preprocessing reacts
     * to ({@code # ! " \ $ ~ @}): true, and the line without its terminator and surrounding blanks is
     * {@link #plainBytes()}{@code [}{@link #plainFrom()}{@code , }{@link #plainTo()}{@code )} (never written
     * again). False, with nothing consumed, for any other line: read it with {@link #next()}.
     */
    boolean nextPlain() {
        final byte[] b = buf;
        final int start = pos;
        final int lim = Math.min(limit, start + MAX_LINE + 2);
        int i = start;
        while (i < lim) {
            byte c = b[i];
            if (c >= ' ' && c < 0x7f) {
                switch (c) {
                    case '#', '!', '"', '\\', '$', '~', '@' -> {
                        return false;
                    }
                    default -> i++;
                }
            } else if (c == '\t') {
                i++;
            } else {
                break;
            }
        }
        int end = i;
        if (i < lim && b[i] == '\r' && i + 1 < lim) {
            i++;
        }
        if (i >= lim || b[i] != '\n' || end - start > MAX_LINE) {
            return false;
        }
        pos = i + 1;
        lineNumber++;
        hasNul = false;
        lineLength = end - start;
        int from = start;
        while (from < end && (b[from] == ' ' || b[from] == '\t')) {
            from++;
        }
        while (end > from && (b[end - 1] == ' ' || b[end - 1] == '\t')) {
            end--;
        }
        plainBytes = b;
        plainFrom = from;
        plainTo = end;
        return true;
    }

    byte[] plainBytes() {
        return plainBytes;
    }

    int plainFrom() {
        return plainFrom;
    }

    int plainTo() {
        return plainTo;
    }

    /** The next line without its line terminator and surrounding blanks, or null at end of file. */
    String next() throws IOException {
        String fast = nextInBuffer();
        return fast != null ? fast : nextSlow();
    }

    /**
     * The common case, without copying: a plain ASCII line (no NUL) that lies wholly in the buffer and
     * fits keepalived's limit becomes a String straight from the buffer. Null (nothing consumed) otherwise.
     */
    private String nextInBuffer() {
        final byte[] b = buf;
        final int start = pos;
        final int lim = Math.min(limit, start + line.length + 1);
        int i = start;
        byte c = 0;
        while (i < lim && (c = b[i]) != '\n' && c > 0) {
            i++;
        }
        if (i >= lim || c != '\n') {
            return null;
        }
        pos = i + 1;
        lineNumber++;
        hasNul = false;
        int end = i > start && b[i - 1] == '\r' ? i - 1 : i;
        lineLength = end - start;
        if (lineLength > MAX_LINE) {
            return "";
        }
        int from = start;
        while (from < end && (b[from] == ' ' || b[from] == '\t' || b[from] == '\r' || b[from] == '\f' || b[from] == 0x0b)) {
            from++;
        }
        int to = end;
        while (to > from && (b[to - 1] == ' ' || b[to - 1] == '\t' || b[to - 1] == '\r' || b[to - 1] == '\f'
                || b[to - 1] == 0x0b)) {
            to--;
        }
        return from == to ? "" : new String(b, from, to - from, StandardCharsets.ISO_8859_1);
    }

    private String nextSlow() throws IOException {
        int n = 0;
        long total = 0;
        boolean nul = false;
        boolean ascii = true;
        boolean any = false;
        while (true) {
            if (pos >= limit) {
                if (eof || !fill()) {
                    if (!any) {
                        return null;
                    }
                    break;
                }
            }
            any = true;
            byte b = buf[pos++];
            if (b == '\n') {
                break;
            }
            total++;
            if (b == 0) {
                nul = true;
            } else if (b < 0) {
                ascii = false;
            }
            if (n < line.length) {
                line[n++] = b;
            }
        }
        lineNumber++;
        lineLength = total;
        hasNul = nul;
        if (n > 0 && line[n - 1] == '\r' && total == n) {
            n--;
            lineLength--;
        }
        if (lineLength > MAX_LINE || nul) {
            return "";
        }
        // Strip surrounding blanks here, in bytes, to save a copy per line.
        int from = 0;
        while (from < n && (line[from] == ' ' || line[from] == '\t' || line[from] == '\r' || line[from] == '\f'
                || line[from] == 0x0b)) {
            from++;
        }
        int to = n;
        while (to > from && (line[to - 1] == ' ' || line[to - 1] == '\t' || line[to - 1] == '\r'
                || line[to - 1] == '\f' || line[to - 1] == 0x0b)) {
            to--;
        }
        return from == to ? "" : new String(line, from, to - from, ascii ? StandardCharsets.ISO_8859_1 : StandardCharsets.UTF_8);
    }

    private boolean fill() throws IOException {
        buf = new byte[BUFFER];
        int r = in.read(buf, 0, buf.length);
        if (r <= 0) {
            eof = true;
            return false;
        }
        pos = 0;
        limit = r;
        return true;
    }

    int lineNumber() {
        return lineNumber;
    }

    /** Whether the line last returned was longer than keepalived's limit (its text was dropped). */
    boolean tooLong() {
        return lineLength > MAX_LINE;
    }

    long lineLength() {
        return lineLength;
    }

    /** Whether the line last returned had a NUL byte (its text was dropped, as keepalived does). */
    boolean hasNul() {
        return hasNul;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
