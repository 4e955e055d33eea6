package io.javalived.parser.model;

import java.util.List;
import java.util.Optional;

/** {@code SSL_GET}: HTTP_GET over TLS, plus {@code enable_sni}, {@code sni_name}, {@code tls_compliant}. */
public record SslGet(CheckerSettings settings, List<HttpUrl> urls, String httpProtocol,
                     Optional<String> virtualhost, boolean fastRecovery, boolean enableSni,
                     Optional<String> sniName, boolean tlsCompliant, SourceLocation location)
        implements ScheduledChecker {
    public SslGet {
        urls = List.copyOf(urls);
    }

    @Override
    public CheckerKind kind() {
        return CheckerKind.SSL_GET;
    }
}
