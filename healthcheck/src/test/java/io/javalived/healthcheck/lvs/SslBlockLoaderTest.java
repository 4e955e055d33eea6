package io.javalived.healthcheck.lvs;

import static org.assertj.core.api.Assertions.assertThat;

import io.javalived.healthcheck.probe.HttpProbe;
import io.javalived.healthcheck.probe.TestPki;
import io.javalived.healthcheck.probe.TlsClient;
import io.javalived.parser.KeepalivedParser;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The global SSL block's PEM files, as OpenSSL reads them for keepalived, and what javalived says about bad ones. */
class SslBlockLoaderTest {
    static TestPki pki;
    static TestPki.Issued rsa;
    static TestPki.Issued ec;

    @TempDir
    Path dir;

    @BeforeAll
    static void pki() throws Exception {
        pki = new TestPki("javalived test CA");
        rsa = pki.issue("lb01.test", "RSA");
        ec = pki.issue("lb02.test", "EC");
    }

    record Loaded(TlsClient client, List<String> warnings) {}

    Loaded load(String ssl) throws Exception {
        Path conf = Files.writeString(dir.resolve("keepalived.conf"), ssl + """
                virtual_server 10.0.0.3 443 {
                    protocol TCP
                    real_server 10.0.0.7 443 {
                        SSL_GET {
                            url {
                                path /
                            }
                        }
                    }
                }
                """);
        LvsPlanner.Plan plan = LvsPlanner.plan(KeepalivedParser.parse(conf).config());
        HttpProbe probe = (HttpProbe) plan.virtualServers().getFirst().realServers().getFirst().checks().getFirst().probe();
        return new Loaded(probe.tlsClient(), plan.warnings());
    }

    String block(Path cert, Path key, String password, Path ca) {
        return "SSL {\n" + (password == null ? "" : "    password " + password + "\n") + (ca == null ? "" : "    ca " + ca + "\n")
                + (cert == null ? "" : "    certificate " + cert + "\n") + (key == null ? "" : "    key " + key + "\n") + "}\n";
    }

    @Test
    void everyKeyFormOpenSslReadsForKeepalivedGivesTheClientIdentity() throws Exception {
        Path rsaCert = TestPki.writeCertificate(dir.resolve("rsa.pem"), rsa.certificate());
        Path ecCert = TestPki.writeCertificate(dir.resolve("ec.pem"), ec.certificate(), pki.caCertificate());
        Path ca = TestPki.writeCertificate(dir.resolve("ca.pem"), pki.caCertificate());
        List<Loaded> all = new ArrayList<>();
        all.add(load(block(rsaCert, TestPki.writeKey(dir.resolve("k1.pem"), rsa.keys(), null), null, ca)));
        all.add(load(block(rsaCert, TestPki.writeKey(dir.resolve("k2.pem"), rsa.keys(), "s3cret"), "s3cret", ca)));
        all.add(load(block(rsaCert, TestPki.writeTraditionalKey(dir.resolve("k3.pem"), rsa.keys()), null, ca)));
        // (a traditional "EC PRIVATE KEY" as openssl writes it: in the daemon's CheckerDropInTest, made by openssl)
        all.add(load(block(ecCert, TestPki.writeKey(dir.resolve("k5.pem"), ec.keys(), null), null, null)));
        for (Loaded l : all) {
            assertThat(l.warnings()).isEmpty();
            assertThat(l.client().identity()).isPresent();
        }
        assertThat(all.get(0).client().identity().orElseThrow().key()).isEqualTo(rsa.keys().getPrivate());
        assertThat(all.get(0).client().cas()).containsExactly(pki.caCertificate());
        assertThat(all.get(3).client().identity().orElseThrow().chain()).containsExactly(ec.certificate(), pki.caCertificate());
        assertThat(all.get(0).client()).as("same files, same client: a reload keeps the check").isEqualTo(all.get(1).client());
    }

    @Test
    void badFilesAreReportedAtTheirLineAndLeaveThatPartOut() throws Exception {
        Path cert = TestPki.writeCertificate(dir.resolve("rsa.pem"), rsa.certificate());
        Path key = TestPki.writeKey(dir.resolve("k.pem"), rsa.keys(), "right");
        Path otherKey = TestPki.writeKey(dir.resolve("ec-key.pem"), ec.keys(), null);
        Path notPem = Files.writeString(dir.resolve("junk.pem"), "not a certificate\n");
        String conf = dir.resolve("keepalived.conf").toString();

        Loaded missing = load(block(dir.resolve("nope.pem"), key, "right", dir.resolve("noca.pem")));
        assertThat(missing.client()).isEqualTo(TlsClient.NONE);
        assertThat(missing.warnings()).containsExactly(
                conf + ":4: SSL certificate file " + dir.resolve("nope.pem") + " cannot be read (no such file); SSL_GET presents no client certificate",
                conf + ":3: SSL ca file " + dir.resolve("noca.pem") + " cannot be read (no such file); no CA certificates are loaded");

        Loaded wrongPassword = load(block(cert, key, "wrong", null));
        assertThat(wrongPassword.client().identity()).isEmpty();
        assertThat(wrongPassword.warnings()).singleElement().asString().startsWith(conf + ":4: SSL key file " + key
                + " cannot be loaded (cannot decrypt it with the password)");

        Loaded noPassword = load(block(cert, key, null, null));
        assertThat(noPassword.warnings()).singleElement().asString().contains("the key is encrypted and the SSL block has no password");

        Loaded mismatch = load(block(cert, otherKey, null, notPem));
        assertThat(mismatch.client().identity()).isEmpty();
        assertThat(mismatch.warnings()).containsExactly(
                conf + ":2: SSL ca file " + notPem + " is not a PEM certificate (No certificate data found); no CA certificates are loaded",
                conf + ":4: SSL key " + otherKey + " does not belong to the certificate " + cert + "; SSL_GET presents no client certificate");
    }
}
