package io.javalived.lab;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

/**
 * Run only inside the VM by {@link VmSmokeTest}: the seed topology with lb_kind DR as the seed's lb01 config
 * describes (10.0.0.3:80 -> 10.0.0.7:80, 10.0.0.8:80, gatewaying), programmed with real ipvsadm; a client
 * reaches both web servers through the VIP and the answers come straight back from the real servers.
 */
class SeedDirectRoutingInGuestProbe {

    @Test
    void clientReachesBothWebServersThroughIpvsDirectRouting() throws Exception {
        String vip = Topology.SEED_VIP;
        try (Netns lab = Netns.seed()) {
            for (String web : List.of("web01", "web02")) {
                LabHost h = lab.host(web);
                h.directRoutingRealServer(vip);
                Path root = Files.createDirectories(lab.dir().resolve(web + "-www"));
                Files.writeString(root.resolve("index.html"), web + "\n");
                h.start("httpd", List.of("busybox", "httpd", "-f", "-p", "80", "-h", root.toString()));
            }
            LabHost lb01 = lab.host("lb01");
            lb01.execOrThrow("ip", "addr", "add", vip + "/24", "dev", "eth0");
            lb01.execOrThrow("ipvsadm", "-A", "-t", vip + ":80", "-s", "rr");
            lb01.execOrThrow("ipvsadm", "-a", "-t", vip + ":80", "-r", "10.0.0.7:80", "-g", "-w", "1");
            lb01.execOrThrow("ipvsadm", "-a", "-t", vip + ":80", "-r", "10.0.0.8:80", "-g", "-w", "1");
            assertThat(lb01.execOrThrow("ipvsadm", "-Ln").stdout())
                    .containsPattern("->\\s+10\\.0\\.0\\.7:80\\s+Route\\s+1")
                    .containsPattern("->\\s+10\\.0\\.0\\.8:80\\s+Route\\s+1");
            Set<String> answers = new HashSet<>();
            for (int i = 0; i < 4; i++) {
                var r = lab.host("client").exec(List.of("busybox", "wget", "-q", "-O", "-", "http://" + vip + "/"),
                        Duration.ofSeconds(20));
                assertThat(r.exitCode()).as(r.describe()).isZero();
                answers.add(r.stdout().strip());
            }
            assertThat(answers).containsExactlyInAnyOrder("web01", "web02");
        }
    }
}
