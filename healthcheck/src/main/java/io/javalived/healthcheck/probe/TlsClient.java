package io.javalived.healthcheck.probe;

import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What SSL_GET presents and loads from the global {@code SSL} block (keepalived 2.2.7's one SSL context for all
 * SSL_GET checkers): the client certificate chain with its key, and the CA certificates. As in keepalived 2.2.7,
 * which loads the CA file but never turns peer verification on, the server's certificate is not verified: the CAs are
 * kept so a bad CA file is reported, and they make no check fail.
 *
 * @param identity the client certificate (first) with its chain and private key; empty for none
 * @param cas      the certificates of the {@code ca} file
 */
public record TlsClient(Optional<Identity> identity, List<X509Certificate> cas) {

    /** No SSL block: no client certificate (keepalived's "autogen" context). */
    public static final TlsClient NONE = new TlsClient(Optional.empty(), List.of());

    public TlsClient {
        Objects.requireNonNull(identity, "identity");
        cas = List.copyOf(cas);
    }

    /** A client certificate chain and its key (equal when their encodings are). */
    public record Identity(List<X509Certificate> chain, PrivateKey key) {
        public Identity {
            chain = List.copyOf(chain);
            if (chain.isEmpty()) {
                throw new IllegalArgumentException("a client identity needs a certificate");
            }
            Objects.requireNonNull(key, "key");
        }

        @Override
        public String toString() {
            return "client certificate " + chain.getFirst().getSubjectX500Principal().getName();
        }
    }
}
