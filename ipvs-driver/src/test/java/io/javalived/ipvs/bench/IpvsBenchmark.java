package io.javalived.ipvs.bench;

import io.javalived.ipvs.Destination;
import io.javalived.ipvs.ForwardingMethod;
import io.javalived.ipvs.IpvsDriver;
import io.javalived.ipvs.ServiceEntry;
import io.javalived.ipvs.ServiceKey;
import io.javalived.ipvs.VirtualService;
import io.javalived.ipvs.cli.Ipvsadm;
import io.javalived.ipvs.cli.Names;
import io.javalived.ipvs.netlink.NetlinkIpvsDriver;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Programs 1,000 services x 10 real servers into the kernel's IPVS table and lists them back, through
 * the netlink driver, through real {@code ipvsadm -R} / {@code ipvsadm -Ln}, and through javalived's
 * ipvsadm (in this JVM); prints the median of the runs. Needs a kernel with IPVS (run it in the lab VM:
 * see BENCHMARKS.md for the command).
 */
public final class IpvsBenchmark {
    static final int SERVICES = 1000;
    static final int DESTINATIONS = 10;

    public static void main(String[] args) throws Exception {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        if (!Files.exists(Path.of("/proc/net/ip_vs"))) {
            System.err.println("this kernel has no IPVS: run the benchmark inside the lab VM");
            System.exit(2);
        }
        List<VirtualService> services = new ArrayList<>();
        List<List<Destination>> dests = new ArrayList<>();
        StringBuilder rules = new StringBuilder();
        for (int i = 0; i < SERVICES; i++) {
            String vip = "10.1." + (i / 250) + "." + (i % 250 + 1);
            ServiceKey key = ServiceKey.tcp(InetAddress.getByName(vip), 80);
            services.add(VirtualService.of(key, "wlc"));
            rules.append("-A -t ").append(vip).append(":80 -s wlc\n");
            List<Destination> ds = new ArrayList<>();
            for (int j = 0; j < DESTINATIONS; j++) {
                String rip = "10.2." + j + "." + (i % 250 + 1);
                ds.add(Destination.of(InetAddress.getByName(rip), 8080, ForwardingMethod.MASQ, 1 + j));
                rules.append("-a -t ").append(vip).append(":80 -r ").append(rip).append(":8080 -m -w ").append(1 + j).append('\n');
            }
            dests.add(ds);
        }
        Path rulesFile = Files.createTempFile("ipvs-bench", ".rules");
        Files.writeString(rulesFile, rules);

        long[] driverAdd = new long[runs];
        long[] driverList = new long[runs];
        long[] realRestore = new long[runs];
        long[] realList = new long[runs];
        long[] oursRestore = new long[runs];
        long[] oursList = new long[runs];
        int listed = 0;
        for (int r = 0; r < runs; r++) {
            try (IpvsDriver ipvs = NetlinkIpvsDriver.open()) {
                ipvs.flush();
                long t0 = System.nanoTime();
                for (int i = 0; i < SERVICES; i++) {
                    ipvs.addService(services.get(i));
                    for (Destination d : dests.get(i)) {
                        ipvs.addDestination(services.get(i).key(), d);
                    }
                }
                driverAdd[r] = System.nanoTime() - t0;
                t0 = System.nanoTime();
                int n = 0;
                for (ServiceEntry e : ipvs.services()) {
                    n += ipvs.destinations(e.key()).size();
                }
                driverList[r] = System.nanoTime() - t0;
                listed = n;
                check(n == SERVICES * DESTINATIONS, "driver listed " + n + " real servers");

                ipvs.flush();
                t0 = System.nanoTime();
                Process p = new ProcessBuilder("/usr/sbin/ipvsadm", "-R").redirectInput(rulesFile.toFile())
                        .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
                check(p.waitFor() == 0, "ipvsadm -R failed");
                realRestore[r] = System.nanoTime() - t0;
                t0 = System.nanoTime();
                p = new ProcessBuilder("/usr/sbin/ipvsadm", "-L", "-n").redirectErrorStream(true).start();
                byte[] out = p.getInputStream().readAllBytes();
                check(p.waitFor() == 0, "ipvsadm -Ln failed");
                realList[r] = System.nanoTime() - t0;
                check(lines(out) == 3 + SERVICES * (1 + DESTINATIONS), "ipvsadm -Ln printed " + lines(out) + " lines");

                ipvs.flush();
                t0 = System.nanoTime();
                int status = cli(rules.toString(), "-R").status;
                oursRestore[r] = System.nanoTime() - t0;
                check(status == 0, "javalived ipvsadm -R failed");
                t0 = System.nanoTime();
                Cli listing = cli("", "-L", "-n");
                oursList[r] = System.nanoTime() - t0;
                check(lines(listing.out) == 3 + SERVICES * (1 + DESTINATIONS), "javalived ipvsadm -Ln printed " + lines(listing.out));
                check(Arrays.equals(listing.out, out), "javalived ipvsadm -Ln differs from ipvsadm -Ln");
                ipvs.flush();
            }
        }
        System.out.printf("IPVS benchmark: %d services x %d real servers (%d kernel objects), %d runs (median, best)%n",
                SERVICES, DESTINATIONS, SERVICES * (1 + DESTINATIONS), runs);
        row("program: NetlinkIpvsDriver (Java API)", driverAdd);
        row("program: ipvsadm -R (1.31)", realRestore);
        row("program: javalived ipvsadm -R (in-JVM)", oursRestore);
        row("list:    NetlinkIpvsDriver services()+destinations()", driverList);
        row("list:    ipvsadm -Ln (1.31)", realList);
        row("list:    javalived ipvsadm -Ln (in-JVM)", oursList);
        System.out.printf("listed %d real servers; javalived's -Ln output byte-identical to ipvsadm's%n", listed);
        System.out.printf("driver vs ipvsadm (time ratio ipvsadm/driver, >1 = driver faster): program %.2f median, %.2f best;"
                        + " list %.2f median, %.2f best%n",
                (double) median(realRestore) / median(driverAdd), (double) best(realRestore) / best(driverAdd),
                (double) median(realList) / median(driverList), (double) best(realList) / best(driverList));
    }

    record Cli(int status, byte[] out) {}

    static Cli cli(String stdin, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Ipvsadm cli = new Ipvsadm(NetlinkIpvsDriver::open, Names.NONE, Path.of("/proc/net/ip_vs_conn"),
                new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)), new PrintStream(out), System.err);
        int status = cli.run(args);
        return new Cli(status, out.toByteArray());
    }

    static int lines(byte[] out) {
        int n = 0;
        for (byte b : out) {
            if (b == '\n') {
                n++;
            }
        }
        return n;
    }

    static void check(boolean ok, String what) {
        if (!ok) {
            throw new IllegalStateException(what);
        }
    }

    static long median(long[] v) {
        long[] s = v.clone();
        Arrays.sort(s);
        return s[s.length / 2];
    }

    static long best(long[] v) {
        return Arrays.stream(v).min().orElseThrow();
    }

    static void row(String what, long[] nanos) {
        StringBuilder all = new StringBuilder();
        for (long n : nanos) {
            all.append(all.isEmpty() ? "" : ", ").append(n / 1_000_000);
        }
        System.out.printf("  %-52s median %7d ms, best %7d ms   (runs: %s)%n", what, median(nanos) / 1_000_000,
                best(nanos) / 1_000_000, all);
    }

}
