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
 * Run only inside the VM by {@link VmSmokeTest}: the harness's namespaces on a kernel with IPVS. The seed's NAT
 * lab (seed 003 section 5.1) with real ipvsadm: a client reaches both real servers through the VIP, port 80
 * mapped to 8080; IPVS tables are per namespace.
 */
class NatLabInGuestProbe {

    @Test
    void clientReachesBothRealServersThroughIpvsNat() throws Exception {
        try (Netns lab = Netns.create(Topology.natLab())) {
            for (String web : List.of("web01", "web02")) {
                Path root = Files.createDirectories(lab.dir().resolve(web + "-www"));
                Files.writeString(root.resolve("index.html"), web + "\n");
                LabProcess httpd = lab.host(web).start("httpd",
                        List.of("busybox", "httpd", "-f", "-v", "-p", "8080", "-h", root.toString()));
                assertThat(httpd.isAlive()).isTrue();
            }
            LabHost lb01 = lab.host("lb01");
            lb01.execOrThrow("ip", "addr", "add", Topology.NAT_VIP + "/24", "dev", "eth0");
            lb01.execOrThrow("ipvsadm", "-A", "-t", Topology.NAT_VIP + ":80", "-s", "rr");
            lb01.execOrThrow("ipvsadm", "-a", "-t", Topology.NAT_VIP + ":80", "-r", "192.168.56.12:8080", "-m", "-w", "1");
            lb01.execOrThrow("ipvsadm", "-a", "-t", Topology.NAT_VIP + ":80", "-r", "192.168.56.13:8080", "-m", "-w", "1");
            assertThat(lb01.execOrThrow("ipvsadm", "-Ln").stdout())
                    .containsPattern("TCP\\s+172\\.20\\.10\\.8:80 rr")
                    .containsPattern("->\\s+192\\.168\\.56\\.12:8080\\s+Masq\\s+1")
                    .containsPattern("->\\s+192\\.168\\.56\\.13:8080\\s+Masq\\s+1");
            // IPVS is per network namespace: the client's table is empty
            assertThat(lab.host("client").execOrThrow("ipvsadm", "-Ln").stdout()).doesNotContain("172.20.10.8");

            Set<String> answers = new HashSet<>();
            for (int i = 0; i < 4; i++) {
                var r = lab.host("client").exec(List.of("busybox", "wget", "-q", "-O", "-",
                        "http://" + Topology.NAT_VIP + "/"), Duration.ofSeconds(20));
                assertThat(r.exitCode()).as(r.describe()).isZero();
                answers.add(r.stdout().strip());
            }
            assertThat(answers).containsExactlyInAnyOrder("web01", "web02");
        }
    }
}
