package io.javalived.healthcheck.probe;

import java.io.IOException;
import java.io.StringWriter;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.PKCS8Generator;
import org.bouncycastle.openssl.jcajce.JcaMiscPEMGenerator;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.openssl.jcajce.JceOpenSSLPKCS8EncryptorBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A test certificate authority (made with Bouncy Castle's bcpkix) issuing server and client certificates, written as
 * the PEM files keepalived's SSL block names (certificate, key as PKCS#8, encrypted PKCS#8 or traditional PKCS#1).
 */
public final class TestPki {
    private static final AtomicLong SERIAL = new AtomicLong(System.currentTimeMillis());

    /** A certificate and its keys. */
    public record Issued(X509Certificate certificate, KeyPair keys) {}

    private final Issued ca;

    public TestPki(String name) throws Exception {
        ca = issue("CN=" + name, null, "EC", true);
    }

    public X509Certificate caCertificate() {
        return ca.certificate();
    }

    /** A leaf certificate for {@code commonName} signed by this CA, with an {@code algorithm} ("EC" or "RSA") key. */
    public Issued issue(String commonName, String algorithm) throws Exception {
        return issue("CN=" + commonName, ca, algorithm, false);
    }

    private static Issued issue(String subject, Issued issuer, String algorithm, boolean isCa) throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance(algorithm);
        generator.initialize(algorithm.equals("RSA") ? 2048 : 256);
        KeyPair keys = generator.generateKeyPair();
        Instant now = Instant.now();
        X500Name name = new X500Name(subject);
        X500Name issuerName = issuer == null ? name : new X500Name(issuer.certificate().getSubjectX500Principal().getName());
        var builder = new JcaX509v3CertificateBuilder(issuerName, BigInteger.valueOf(SERIAL.incrementAndGet()),
                Date.from(now.minus(Duration.ofDays(1))), Date.from(now.plus(Duration.ofDays(2))), name, keys.getPublic());
        builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(isCa));
        var signingKey = issuer == null ? keys.getPrivate() : issuer.keys().getPrivate();
        X509Certificate cert = new JcaX509CertificateConverter().getCertificate(builder.build(
                new JcaContentSignerBuilder("SHA256withECDSA").build(signingKey)));
        return new Issued(cert, keys);
    }

    /** A server context presenting {@code server}; with {@code requireClient}, clients must show a certificate of this CA. */
    public SSLContext serverContext(Issued server, boolean requireClient) throws Exception {
        KeyStore keys = KeyStore.getInstance("PKCS12");
        keys.load(null, null);
        keys.setKeyEntry("server", server.keys().getPrivate(), new char[0], new X509Certificate[] {server.certificate()});
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(keys, new char[0]);
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("ca", ca.certificate());
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(kmf.getKeyManagers(), requireClient ? tmf.getTrustManagers() : null, null);
        return context;
    }

    public static Path writeCertificate(Path file, X509Certificate... chain) throws IOException {
        StringWriter out = new StringWriter();
        try (JcaPEMWriter pem = new JcaPEMWriter(out)) {
            for (X509Certificate c : chain) {
                pem.writeObject(c);
            }
        }
        return Files.writeString(file, out.toString());
    }

    /** The key as PKCS#8 ("PRIVATE KEY"), encrypted with {@code password} when not null ("ENCRYPTED PRIVATE KEY"). */
    public static Path writeKey(Path file, KeyPair keys, String password) throws Exception {
        StringWriter out = new StringWriter();
        try (JcaPEMWriter pem = new JcaPEMWriter(out)) {
            var encryptor = password == null ? null : new JceOpenSSLPKCS8EncryptorBuilder(PKCS8Generator.AES_256_CBC)
                    .setProvider(new org.bouncycastle.jce.provider.BouncyCastleProvider()).setPassword(password.toCharArray()).build();
            pem.writeObject(new JcaPKCS8Generator(keys.getPrivate(), encryptor));
        }
        return Files.writeString(file, out.toString());
    }

    /** The key in OpenSSL's traditional form ("RSA PRIVATE KEY" / "EC PRIVATE KEY"), unencrypted. */
    public static Path writeTraditionalKey(Path file, KeyPair keys) throws IOException {
        StringWriter out = new StringWriter();
        try (JcaPEMWriter pem = new JcaPEMWriter(out)) {
            pem.writeObject(new JcaMiscPEMGenerator(keys));
        }
        return Files.writeString(file, out.toString());
    }
}
