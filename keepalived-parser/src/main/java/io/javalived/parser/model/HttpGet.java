package io.javalived.parser.model;

import java.util.List;
import java.util.Optional;

/**
 * {@code HTTP_GET}: {@code GET path HTTP/x} per url; up when status and digest/regex match.
 *
 * @param httpProtocol {@code http_protocol 1.0|1.0C|1.1}, default "1.0"
 * @param virtualhost  Host header; default the real server's, else the virtual server's, else ip:port
 * @param fastRecovery {@code fast_recovery}
 */
public record HttpGet(CheckerSettings settings, List<HttpUrl> urls, String httpProtocol,
                      Optional<String> virtualhost, boolean fastRecovery, SourceLocation location)
        implements ScheduledChecker {
    public HttpGet {
        urls = List.copyOf(urls);
    }

    @Override
    public CheckerKind kind() {
        return CheckerKind.HTTP_GET;
    }
}
