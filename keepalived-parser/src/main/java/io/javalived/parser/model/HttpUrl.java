package io.javalived.parser.model;

import java.util.List;
import java.util.Optional;

/**
 * A {@code url { ... }} block of HTTP_GET/SSL_GET.
 *
 * @param path        {@code path} (required)
 * @param digest      {@code digest} MD5 hex of the body, lower case
 * @param statusCodes {@code status_code}; default 200-299
 * @param virtualhost per-URL Host header
 * @param regex       {@code regex} the body must (or, with regexNoMatch, must not) match
 */
public record HttpUrl(String path, Optional<String> digest, List<StatusRange> statusCodes,
                      Optional<String> virtualhost, Optional<String> regex, boolean regexNoMatch,
                      List<RawValue> other, SourceLocation location) {
    public HttpUrl {
        statusCodes = List.copyOf(statusCodes);
        other = List.copyOf(other);
    }

    /** An inclusive range of HTTP status codes ({@code 200} is 200-200). */
    public record StatusRange(int from, int to) {
        public boolean contains(int status) {
            return status >= from && status <= to;
        }
    }

    public static final List<StatusRange> DEFAULT_STATUS_CODES = List.of(new StatusRange(200, 299));
}
