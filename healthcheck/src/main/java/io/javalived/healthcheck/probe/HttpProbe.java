package io.javalived.healthcheck.probe;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * HTTP_GET or SSL_GET: every url block is fetched on its own connection, and each must answer with a
 * status in its set and, when a digest is given, a body whose MD5 matches. connect_timeout bounds each
 * fetch as a whole (connect, TLS, request and the complete response: keepalived issue #1822).
 *
 * @param sniName the TLS server name to send (SSL_GET with enable_sni), empty for none
 * @param tlsClient SSL_GET: the global SSL block's client certificate (and CAs)
 */
public record HttpProbe(Connection connection, boolean tls, HttpProtocol protocol, List<Url> urls,
                        Optional<String> sniName, TlsClient tlsClient) implements Probe {

    public HttpProbe {
        Objects.requireNonNull(connection, "connection");
        Objects.requireNonNull(protocol, "protocol");
        Objects.requireNonNull(sniName, "sniName");
        Objects.requireNonNull(tlsClient, "tlsClient");
        if (urls.isEmpty()) {
            throw new IllegalArgumentException("an HTTP check needs at least one url block");
        }
        urls = List.copyOf(urls);
    }

    public HttpProbe(Connection connection, boolean tls, HttpProtocol protocol, List<Url> urls, Optional<String> sniName) {
        this(connection, tls, protocol, urls, sniName, TlsClient.NONE);
    }

    public String kind() {
        return tls ? "SSL_GET" : "HTTP_GET";
    }

    public String describe() {
        return connection.describe("tcp");
    }

    /**
     * One url block.
     *
     * @param digest lower-case hex MD5 of the expected body, empty for none
     * @param virtualHost the Host header to send; empty means "ip:port" of the target
     * @param regex the body must (or with regex_no_match must not) match it, empty for none
     * @param tlsCompliant SSL_GET's tls_compliant (the checker's or the url's): close_notify is sent before the
     *                     connection closes; without it the connection closes without one, as keepalived's
     *                     quiet shutdown does
     */
    public record Url(String path, StatusCodes statusCodes, Optional<String> digest, Optional<String> virtualHost,
                      Optional<BodyRegex> regex, boolean tlsCompliant) {
        public Url {
            Objects.requireNonNull(path, "path");
            Objects.requireNonNull(statusCodes, "statusCodes");
            digest = digest.map(d -> d.toLowerCase(Locale.ROOT));
            Objects.requireNonNull(virtualHost, "virtualHost");
            Objects.requireNonNull(regex, "regex");
        }

        public Url(String path, StatusCodes statusCodes, Optional<String> digest, Optional<String> virtualHost) {
            this(path, statusCodes, digest, virtualHost, Optional.empty(), false);
        }

        public Url(String path, StatusCodes statusCodes, Optional<String> digest, Optional<String> virtualHost,
                   Optional<BodyRegex> regex) {
            this(path, statusCodes, digest, virtualHost, regex, false);
        }

        public static Url of(String path) {
            return new Url(path, StatusCodes.DEFAULT, Optional.empty(), Optional.empty());
        }
    }

    /** http_protocol: 1.0 (keepalived's default), 1.0C (1.0 with Connection: close) and 1.1 (always close). */
    public enum HttpProtocol {
        HTTP_1_0("1.0", false), HTTP_1_0C("1.0C", true), HTTP_1_1("1.1", true);

        private final String keyword;
        private final boolean connectionClose;

        HttpProtocol(String keyword, boolean connectionClose) {
            this.keyword = keyword;
            this.connectionClose = connectionClose;
        }

        public boolean connectionClose() {
            return connectionClose;
        }

        public boolean is11() {
            return this == HTTP_1_1;
        }

        public static Optional<HttpProtocol> fromKeyword(String keyword) {
            for (HttpProtocol p : values()) {
                if (p.keyword.equalsIgnoreCase(keyword)) {
                    return Optional.of(p);
                }
            }
            return Optional.empty();
        }
    }
}
