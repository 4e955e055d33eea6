package io.javalived.daemon.status;

import java.nio.charset.StandardCharsets;

/** An HTTP/1.1 answer of the status endpoint as bytes: status line, the few headers it sends, the body. */
final class HttpResponseBytes {
    private HttpResponseBytes() {}

    /**
     * @param head      a HEAD request: the headers of the answer (its content-length too), no body
     * @param close     the connection closes after this answer ({@code connection: close})
     */
    static byte[] of(int code, String type, String body, boolean head, boolean close) {
        return of(code, type, body, head, close, false);
    }

    /** @param keepAlive10 an HTTP/1.0 client asked to keep the connection: say it is kept */
    static byte[] of(int code, String type, String body, boolean head, boolean close, boolean keepAlive10) {
        byte[] content = body.getBytes(StandardCharsets.UTF_8);
        String headers = "HTTP/1.1 " + code + " " + reason(code) + "\r\n"
                + "content-type: " + type + "\r\n"
                + "content-length: " + content.length + "\r\n"
                + "cache-control: no-store\r\n"
                + (close ? "connection: close\r\n" : keepAlive10 ? "connection: keep-alive\r\n" : "")
                + "\r\n";
        byte[] h = headers.getBytes(StandardCharsets.ISO_8859_1);
        if (head) {
            return h;
        }
        byte[] all = new byte[h.length + content.length];
        System.arraycopy(h, 0, all, 0, h.length);
        System.arraycopy(content, 0, all, h.length, content.length);
        return all;
    }

    static String reason(int code) {
        return switch (code) {
            case 200 -> "OK";
            case 400 -> "Bad Request";
            case 404 -> "Not Found";
            case 405 -> "Method Not Allowed";
            case 413 -> "Request Entity Too Large";
            case 500 -> "Internal Server Error";
            default -> "Status " + code;
        };
    }
}
