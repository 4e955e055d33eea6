package io.javalived.healthcheck.lvs;

import io.javalived.healthcheck.probe.TlsClient;
import io.javalived.parser.model.KeepalivedConfig;
import io.javalived.parser.model.RawBlock;
import io.javalived.parser.model.RawValue;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Cipher;
import javax.crypto.EncryptedPrivateKeyInfo;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * Reads the global {@code SSL { certificate FILE; key FILE; password PW; ca FILE }} block (PEM files, as OpenSSL's
 * {@code SSL_CTX_use_certificate_chain_file}, {@code SSL_CTX_use_PrivateKey_file} and
 * {@code SSL_CTX_load_verify_locations} read them for keepalived) into a {@link TlsClient}. keepalived 2.2.7 stops its
 * checker process when a file cannot be loaded; javalived reports it at the keyword's file:line and leaves that part
 * out (no client certificate without a usable certificate and key), the other checks run on.
 *
 * <p>Keys: PKCS#8 ({@code PRIVATE KEY}), PKCS#8 encrypted with the password ({@code ENCRYPTED PRIVATE KEY}), and the
 * unencrypted traditional {@code RSA PRIVATE KEY} and {@code EC PRIVATE KEY}. A key must belong to the certificate
 * (OpenSSL checks it too).
 */
final class SslBlockLoader {
    private SslBlockLoader() {}

    private static final Pattern PEM = Pattern.compile(
            "-----BEGIN ([A-Z0-9 ]+)-----\\s*(?:Proc-Type:[^\\n]*\\n)?(?:DEK-Info:[^\\n]*\\n)?([A-Za-z0-9+/=\\s]*?)-----END \\1-----");

    /** The SSL block of {@code config} (the last one, as keepalived replaces an earlier one), or NONE. */
    static TlsClient load(KeepalivedConfig config, Consumer<String> warnings) {
        Optional<RawBlock> block = config.otherBlocks().stream().filter(b -> b.keyword().equals("SSL"))
                .reduce((first, second) -> second);
        if (block.isEmpty()) {
            return TlsClient.NONE;
        }
        Optional<RawValue> certificate = last(block.get(), "certificate");
        Optional<RawValue> key = last(block.get(), "key");
        Optional<RawValue> password = last(block.get(), "password");
        Optional<RawValue> ca = last(block.get(), "ca");
        List<X509Certificate> chain = certificate.flatMap(v -> file(v, warnings)).map(p -> certificates(certificate.get(), p, warnings))
                .orElse(List.of());
        Optional<PrivateKey> privateKey = key.flatMap(v -> file(v, warnings)).flatMap(p -> privateKey(key.get(), p,
                password.map(v -> String.join(" ", v.args())), warnings));
        List<X509Certificate> cas = ca.flatMap(v -> file(v, warnings)).map(p -> certificates(ca.get(), p, warnings)).orElse(List.of());
        Optional<TlsClient.Identity> identity = Optional.empty();
        if (!chain.isEmpty() && privateKey.isPresent()) {
            if (belongs(privateKey.get(), chain.getFirst())) {
                identity = Optional.of(new TlsClient.Identity(chain, privateKey.get()));
            } else {
                warnings.accept(key.get().location() + ": SSL key " + path(key.get())
                        + " does not belong to the certificate " + path(certificate.get())
                        + "; SSL_GET presents no client certificate");
            }
        } else if (!chain.isEmpty() && key.isEmpty()) {
            warnings.accept(certificate.get().location() + ": SSL certificate without a key; SSL_GET presents no client certificate");
        } else if (privateKey.isPresent() && certificate.isEmpty()) {
            warnings.accept(key.get().location() + ": SSL key without a certificate; SSL_GET presents no client certificate");
        }
        return new TlsClient(identity, cas);
    }

    private static Optional<RawValue> last(RawBlock block, String keyword) {
        return block.values().stream().filter(v -> v.keyword().equals(keyword)).reduce((a, b) -> b);
    }

    private static String path(RawValue v) {
        return v.args().isEmpty() ? "" : v.args().getFirst();
    }

    private static Optional<Path> file(RawValue v, Consumer<String> warnings) {
        if (v.args().isEmpty()) {
            warnings.accept(v.location() + ": SSL " + v.keyword() + " missing");
            return Optional.empty();
        }
        Path p = Path.of(v.args().getFirst());
        if (!Files.isReadable(p)) {
            warnings.accept(v.location() + ": SSL " + v.keyword() + " file " + p + " cannot be read"
                    + (Files.exists(p) ? "" : " (no such file)") + "; " + consequence(v));
            return Optional.empty();
        }
        return Optional.of(p);
    }

    private static String consequence(RawValue v) {
        return v.keyword().equals("ca") ? "no CA certificates are loaded" : "SSL_GET presents no client certificate";
    }

    private static List<X509Certificate> certificates(RawValue v, Path p, Consumer<String> warnings) {
        try {
            List<X509Certificate> out = new ArrayList<>();
            for (var c : CertificateFactory.getInstance("X.509").generateCertificates(
                    new ByteArrayInputStream(Files.readAllBytes(p)))) {
                out.add((X509Certificate) c);
            }
            if (out.isEmpty()) {
                warnings.accept(v.location() + ": SSL " + v.keyword() + " file " + p + " holds no certificate; " + consequence(v));
            }
            return out;
        } catch (IOException | GeneralSecurityException e) {
            warnings.accept(v.location() + ": SSL " + v.keyword() + " file " + p + " is not a PEM certificate ("
                    + e.getMessage() + "); " + consequence(v));
            return List.of();
        }
    }

    private static Optional<PrivateKey> privateKey(RawValue v, Path p, Optional<String> password, Consumer<String> warnings) {
        String problem;
        try {
            Matcher m = PEM.matcher(Files.readString(p, StandardCharsets.ISO_8859_1));
            while (m.find()) {
                String type = m.group(1);
                if (!type.endsWith("PRIVATE KEY")) {
                    continue;
                }
                byte[] der = Base64.getMimeDecoder().decode(m.group(2));
                return Optional.of(switch (type) {
                    case "PRIVATE KEY" -> pkcs8(der);
                    case "ENCRYPTED PRIVATE KEY" -> {
                        if (password.isEmpty()) {
                            throw new GeneralSecurityException("the key is encrypted and the SSL block has no password");
                        }
                        yield encrypted(der, password.get());
                    }
                    case "RSA PRIVATE KEY" -> {
                        if (m.group(0).contains("Proc-Type")) {
                            throw new GeneralSecurityException("traditional encrypted PEM is not read; convert it with "
                                    + "'openssl pkcs8 -topk8'");
                        }
                        yield KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(Der.rsaPkcs8(der)));
                    }
                    case "EC PRIVATE KEY" -> {
                        if (m.group(0).contains("Proc-Type")) {
                            throw new GeneralSecurityException("traditional encrypted PEM is not read; convert it with "
                                    + "'openssl pkcs8 -topk8'");
                        }
                        yield KeyFactory.getInstance("EC").generatePrivate(new PKCS8EncodedKeySpec(Der.ecPkcs8(der)));
                    }
                    default -> throw new GeneralSecurityException("unsupported key type " + type);
                });
            }
            problem = "no PEM private key in it";
        } catch (IOException | GeneralSecurityException | IllegalArgumentException e) {
            problem = e.getMessage();
        }
        warnings.accept(v.location() + ": SSL key file " + p + " cannot be loaded (" + problem
                + "); SSL_GET presents no client certificate");
        return Optional.empty();
    }

    private static PrivateKey pkcs8(byte[] der) throws GeneralSecurityException {
        GeneralSecurityException last = null;
        for (String algorithm : List.of("RSA", "EC", "Ed25519", "Ed448", "RSASSA-PSS")) {
            try {
                return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der));
            } catch (GeneralSecurityException e) {
                last = e;
            }
        }
        throw new GeneralSecurityException("not a key javalived can use", last);
    }

    private static PrivateKey encrypted(byte[] der, String password) throws GeneralSecurityException {
        try {
            EncryptedPrivateKeyInfo info = new EncryptedPrivateKeyInfo(der);
            Cipher cipher = Cipher.getInstance(info.getAlgName());
            cipher.init(Cipher.DECRYPT_MODE, SecretKeyFactory.getInstance(info.getAlgName())
                    .generateSecret(new PBEKeySpec(password.toCharArray())), info.getAlgParameters());
            return pkcs8(info.getKeySpec(cipher).getEncoded());
        } catch (IOException e) {
            throw new GeneralSecurityException("not an encrypted PKCS#8 key", e);
        } catch (GeneralSecurityException e) {
            throw new GeneralSecurityException("cannot decrypt it with the password", e);
        }
    }

    /** Whether {@code key} signs what the certificate's public key verifies. */
    private static boolean belongs(PrivateKey key, X509Certificate certificate) {
        String algorithm = switch (key.getAlgorithm()) {
            case "RSA" -> "SHA256withRSA";
            case "EC" -> "SHA256withECDSA";
            default -> key.getAlgorithm(); // Ed25519, Ed448
        };
        try {
            byte[] data = "javalived".getBytes(StandardCharsets.US_ASCII);
            Signature signer = Signature.getInstance(algorithm);
            signer.initSign(key);
            signer.update(data);
            byte[] signature = signer.sign();
            Signature verifier = Signature.getInstance(algorithm);
            verifier.initVerify(certificate.getPublicKey());
            verifier.update(data);
            return verifier.verify(signature);
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    /** Wraps traditional (PKCS#1 RSA, SEC1 EC) keys into PKCS#8 PrivateKeyInfo. */
    static final class Der {
        private Der() {}

        private static final byte[] RSA_ALGORITHM = {0x30, 0x0d, 0x06, 0x09, 0x2a, (byte) 0x86, 0x48, (byte) 0x86,
                (byte) 0xf7, 0x0d, 0x01, 0x01, 0x01, 0x05, 0x00};
        private static final byte[] EC_OID = {0x06, 0x07, 0x2a, (byte) 0x86, 0x48, (byte) 0xce, 0x3d, 0x02, 0x01};

        static byte[] rsaPkcs8(byte[] pkcs1) {
            return sequence(concat(new byte[] {0x02, 0x01, 0x00}, RSA_ALGORITHM, tlv(0x04, pkcs1)));
        }

        /** SEC1 ECPrivateKey: the curve is its [0] parameters, which PKCS#8 wants in the algorithm identifier. */
        static byte[] ecPkcs8(byte[] sec1) throws GeneralSecurityException {
            byte[] curve = curveOid(sec1);
            return sequence(concat(new byte[] {0x02, 0x01, 0x00}, sequence(concat(EC_OID, curve)), tlv(0x04, sec1)));
        }

        private static byte[] curveOid(byte[] sec1) throws GeneralSecurityException {
            try {
                int at = contentStart(sec1, 0);                 // ECPrivateKey SEQUENCE
                at = contentStart(sec1, at) + length(sec1, at); // version INTEGER
                at = contentStart(sec1, at) + length(sec1, at); // privateKey OCTET STRING
                if ((sec1[at] & 0xff) == 0xa0) {
                    int oid = contentStart(sec1, at);
                    return java.util.Arrays.copyOfRange(sec1, oid, contentStart(sec1, oid) + length(sec1, oid));
                }
            } catch (ArrayIndexOutOfBoundsException e) {
                throw new GeneralSecurityException("the EC key is not valid DER");
            }
            throw new GeneralSecurityException("the EC key names no curve");
        }

        /** Where the content of the DER element at {@code at} starts. */
        private static int contentStart(byte[] der, int at) {
            int first = der[at + 1] & 0xff;
            return at + 2 + (first < 0x80 ? 0 : first & 0x7f);
        }

        /** The content length of the DER element at {@code at}. */
        private static int length(byte[] der, int at) {
            int first = der[at + 1] & 0xff;
            if (first < 0x80) {
                return first;
            }
            int n = 0;
            for (int i = 0; i < (first & 0x7f); i++) {
                n = (n << 8) | (der[at + 2 + i] & 0xff);
            }
            return n;
        }

        private static byte[] sequence(byte[] content) {
            return tlv(0x30, content);
        }

        private static byte[] tlv(int tag, byte[] content) {
            int n = content.length;
            byte[] len = n < 0x80 ? new byte[] {(byte) n}
                    : n < 0x100 ? new byte[] {(byte) 0x81, (byte) n}
                    : n < 0x10000 ? new byte[] {(byte) 0x82, (byte) (n >> 8), (byte) n}
                    : new byte[] {(byte) 0x83, (byte) (n >> 16), (byte) (n >> 8), (byte) n};
            return concat(new byte[] {(byte) tag}, len, content);
        }

        private static byte[] concat(byte[]... parts) {
            int n = 0;
            for (byte[] p : parts) {
                n += p.length;
            }
            byte[] out = new byte[n];
            int at = 0;
            for (byte[] p : parts) {
                System.arraycopy(p, 0, out, at, p.length);
                at += p.length;
            }
            return out;
        }
    }
}
