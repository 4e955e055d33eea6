package io.javalived.daemon.status;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Reads one HTTP/1.x request from what a status client sent: the request line and headers (at most the size limit,
 * the request line at most {@link #MAX_REQUEST_LINE} bytes), then a body of {@code Content-Length} bytes (at most the
 * size limit), which the status pages ignore. A request with {@code Transfer-Encoding} is answered and its
 * connection closed (no page takes a body). Lines may end in CRLF or LF.
 */
final class HttpRequestHead {
    static final int MAX_REQUEST_LINE = 4096;

    private HttpRequestHead() {}

    /** What the bytes so far hold. */
    sealed interface Parsed permits Incomplete, Refused, Request {}

    /** Not a whole request yet. */
    record Incomplete() implements Parsed {}

    /** A request that is answered with {@code code} and its connection closed. */
    record Refused(int code, String body) implements Parsed {}

    /**
     * A whole request of {@code length} bytes (head and body).
     *
     * @param path the target's path, percent-decoded, without query or fragment
     */
    record Request(String method, String path, boolean http10, boolean keepAlive, int length) implements Parsed {
        boolean head() {
            return method.equals("HEAD");
        }
    }

    private static final Incomplete INCOMPLETE = new Incomplete();

    static Parsed parse(RequestBuffer received, int maxBytes) {
        byte[] a = received.bytes();
        int len = received.length();
        int lineEnd = indexOf(a, len, 0);
        if (lineEnd < 0) {
            return len > MAX_REQUEST_LINE ? tooLongLine() : INCOMPLETE;
        }
        if (lineEnd > MAX_REQUEST_LINE) {
            return tooLongLine();
        }
        int headEnd = -1; // just after the empty line
        for (int i = lineEnd; i >= 0 && i + 1 < len; i = indexOf(a, len, i + 1)) {
            if (a[i + 1] == '\n') {
                headEnd = i + 2;
                break;
            }
            if (a[i + 1] == '\r' && i + 2 < len && a[i + 2] == '\n') {
                headEnd = i + 3;
                break;
            }
        }
        if (headEnd < 0 || headEnd > maxBytes) {
            return headEnd < 0 && len < maxBytes ? INCOMPLETE
                    : new Refused(400, "bad request: request line and headers longer than " + maxBytes + " bytes\n");
        }
        String[] lines = new String(a, 0, headEnd, StandardCharsets.ISO_8859_1).split("\r?\n");
        String[] requestLine = lines[0].split(" ", -1);
        if (requestLine.length != 3 || requestLine[0].isEmpty() || requestLine[1].isEmpty()
                || !(requestLine[2].equals("HTTP/1.1") || requestLine[2].equals("HTTP/1.0"))) {
            return badRequest();
        }
        boolean http10 = requestLine[2].equals("HTTP/1.0");
        long contentLength = 0;
        boolean chunked = false;
        String connection = "";
        for (int i = 1; i < lines.length; i++) {
            String line = lines[i];
            int colon = line.indexOf(':');
            if (colon <= 0 || Character.isWhitespace(line.charAt(0)) || Character.isWhitespace(line.charAt(colon - 1))) {
                return badRequest();
            }
            String name = line.substring(0, colon).toLowerCase(Locale.ROOT);
            String value = line.substring(colon + 1).trim();
            switch (name) {
                case "content-length" -> {
                    try {
                        contentLength = Long.parseLong(value);
                    } catch (NumberFormatException e) {
                        return badRequest();
                    }
                    if (contentLength < 0) {
                        return badRequest();
                    }
                }
                case "transfer-encoding" -> chunked = true;
                case "connection" -> connection = value.toLowerCase(Locale.ROOT);
                default -> { }
            }
        }
        if (contentLength > maxBytes) {
            return new Refused(413, "request body larger than " + maxBytes + " bytes\n");
        }
        if (!chunked && headEnd + contentLength > len) {
            return INCOMPLETE;
        }
        String path = path(requestLine[1]);
        if (path == null) {
            return badRequest();
        }
        boolean keepAlive = !chunked && (http10 ? connection.contains("keep-alive") : !connection.contains("close"));
        return new Request(requestLine[0], path, http10, keepAlive, headEnd + (chunked ? 0 : (int) contentLength));
    }

    /** The path of an origin-form ({@code /status?x}) or absolute-form ({@code http://h/status}) target; null if malformed. */
    static String path(String target) {
        String t = target;
        int scheme = t.indexOf("://");
        if (scheme > 0 && !t.startsWith("/")) {
            int slash = t.indexOf('/', scheme + 3);
            t = slash < 0 ? "/" : t.substring(slash);
        }
        int end = t.length();
        for (char c : new char[] {'?', '#'}) {
            int i = t.indexOf(c);
            if (i >= 0 && i < end) {
                end = i;
            }
        }
        try {
            return URLDecoder.decode(t.substring(0, end).replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static Refused badRequest() {
        return new Refused(400, "bad request\n");
    }

    private static Refused tooLongLine() {
        return new Refused(400, "bad request: request line longer than " + MAX_REQUEST_LINE + " bytes\n");
    }

    private static int indexOf(byte[] a, int len, int from) {
        for (int i = from; i < len; i++) {
            if (a[i] == '\n') {
                return i;
            }
        }
        return -1;
    }
}
