package io.javalived.daemon;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** The command line in-process: -t exit codes and output, --signum, config --format json|yaml. */
class MainTest {
    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private PrintStream savedOut;
    private PrintStream savedErr;

    @BeforeEach
    void capture() {
        savedOut = System.out;
        savedErr = System.err;
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @AfterEach
    void restore() {
        System.setOut(savedOut);
        System.setErr(savedErr);
    }

    static Path repo() {
        return Path.of(System.getProperty("javalived.repo", ".."));
    }

    private Path write(String text) throws IOException {
        Path f = dir.resolve("keepalived.conf");
        Files.writeString(f, text);
        return f;
    }

    @Test
    void configTestOnTheSeedReportsTheTypoAndExits5() {
        int code = Main.run("-t", "-f", repo().resolve("examples/lb01/keepalived.conf").toString());
        String text = err.toString(StandardCharsets.UTF_8);
        assertThat(code).isEqualTo(5);
        assertThat(text).contains("keepalived.conf: Line 14) Unknown keyword 'autherntication' - did you mean 'authentication'?")
                .contains("[error KA101]")
                .contains("Line 28) Invalid virtual server IP address 10.0.0.3:80");
    }

    @Test
    void configTestExitCodes() throws IOException {
        Path clean = write("""
                vrrp_instance V {
                    state BACKUP
                    interface eth0
                    virtual_router_id 5
                    virtual_ipaddress {
                        10.0.0.3/24
                    }
                }
                """);
        // (this host's interfaces are not the test's business: --no-host-checks; the host checks have their own tests)
        assertThat(Main.run("--config-test", "--no-host-checks", "-f", clean.toString())).isEqualTo(0);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("is OK");
        Path bad = dir.resolve("bad.conf");
        Files.writeString(bad, "vrrp_instance V {\n virtual_router_id 5\n bogus 1\n}\n");
        assertThat(Main.run("-t", "-f", bad.toString())).isEqualTo(5);
        assertThat(Main.run("-t", "-f", dir.resolve("absent.conf").toString())).isEqualTo(4);
    }

    @Test
    void configTestToALogFile() throws IOException {
        Path log = dir.resolve("test.log");
        int code = Main.run("--config-test=" + log, "-f", repo().resolve("examples/lb02/keepalived.conf").toString());
        assertThat(code).isEqualTo(5);
        assertThat(Files.readString(log)).contains("Unknown keyword 'autherntication'");
    }

    @Test
    void configIdSelectsConditionalLines() throws IOException {
        Path f = write("vrrp_instance V {\n virtual_router_id 5\n@a bogus_a 1\n@b bogus_b 1\n}\n");
        Main.run("-t", "-i", "b", "-f", f.toString());
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("bogus_b").doesNotContain("bogus_a");
    }

    @Test
    void helpListsEverySubcommandAndKeepalivedsOptions() {
        assertThat(Main.run("--help")).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("config", "status", "reload", "ipvsadm", "drill",
                "--config-test", "--use-file", "--dont-release-vrrp", "--signum");
    }

    @Test
    void drillWithoutTheDrillModuleSaysWhereItIs() {
        assertThat(Main.run("drill", "--mode", "stop", "-o", dir.toString())).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("javalived drill: the drill is not on this classpath",
                "./javalived drill");
        assertThat(dir).isEmptyDirectory();
    }

    @Test
    void versionIsTheBuildsOwn() throws IOException {
        // the parent pom's <version>, as the build filtered it into the daemon (not a copy in the code)
        String pom = Files.readString(repo().resolve("pom.xml"));
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("<artifactId>javalived-parent</artifactId>\\s*<version>([^<]+)</version>")
                .matcher(pom);
        assertThat(m.find()).as("the parent pom names its version").isTrue();
        assertThat(Main.run("-v")).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8).strip())
                .isEqualTo("javalived " + m.group(1) + " (keepalived 2.2.7 compatible configuration)");
        assertThat(Version.current()).isEqualTo(m.group(1));
    }

    @Test
    void signumPrintsTheSignalsJavalivedTakes() {
        assertThat(Main.run("--signum=RELOAD")).isZero();
        assertThat(Main.run("--signum=JSON")).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8).lines()).containsExactly("1", "23"); // JSON: javalived takes SIGURG (a JVM cannot handle SIGRTMIN+2)
        assertThat(Main.run("--signum=NOPE")).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("Unknown sigfunc NOPE");
    }

    @Test
    void configPrintsTheEffectiveModelAsJson() throws IOException {
        int code = Main.run("config", "-f", repo().resolve("examples/lb01/keepalived.conf").toString(), "--format", "json");
        assertThat(code).isEqualTo(5);
        JsonNode root = new ObjectMapper().readTree(out.toString(StandardCharsets.UTF_8));
        JsonNode vip = root.at("/vrrpInstances/0/virtualIpAddresses/0");
        assertThat(vip.get("address").asText()).isEqualTo("10.0.0.3");
        assertThat(vip.get("prefixLength").asInt()).isEqualTo(24);
        assertThat(vip.get("label").asText()).isEqualTo("eth0:0");
        assertThat(root.at("/vrrpInstances/0/garp/masterDelay").asInt()).as("default resolved").isEqualTo(5);
        JsonNode rs = root.at("/virtualServers/0/realServers/1");
        assertThat(rs.get("address").asText()).isEqualTo("10.0.0.8");
        assertThat(rs.at("/checkers/0/type").asText()).isEqualTo("TCP_CHECK");
        assertThat(rs.at("/checkers/0/settings/retry").asInt()).isEqualTo(3);
        assertThat(root.at("/virtualServers/0/address/type").asText()).isEqualTo("address");
    }

    @Test
    void configPrintsYamlToo() throws IOException {
        int code = Main.run("config", "-f", repo().resolve("examples/lb02/keepalived.conf").toString(), "--format", "yaml");
        assertThat(code).isEqualTo(5);
        JsonNode root = new YAMLMapper().readTree(out.toString(StandardCharsets.UTF_8));
        assertThat(root.at("/vrrpInstances/0/priority").asInt()).isEqualTo(50);
        assertThat(root.at("/virtualServers/0/realServers/0/checkers/0/settings/connectTimeout").asInt()).isEqualTo(8);
        assertThat(root.at("/globalDefs/vrrpMcastGroup6").asText()).isEqualTo("ff02::12");
    }
}
