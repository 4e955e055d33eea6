package io.javalived.ipvs.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.javalived.ipvs.Addresses;
import io.javalived.ipvs.IpvsDriver;
import io.javalived.ipvs.IpvsUnavailableException;
import io.javalived.ipvs.ServiceKey;
import io.javalived.ipvs.Stats;
import io.javalived.ipvs.memory.InMemoryIpvsDriver;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The ipvsadm command on the in-memory kernel: formats, checks, messages and exit codes. */
class IpvsadmTest {
    final InMemoryIpvsDriver kernel = new InMemoryIpvsDriver();
    @TempDir
    Path dir;

    record Run(int status, String out, String err) {}

    /** The command closes its driver when done; the test keeps one kernel across commands. */
    IpvsDriver unclosable() {
        return (IpvsDriver) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {IpvsDriver.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("close")) {
                        return null;
                    }
                    try {
                        return method.invoke(kernel, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    Run runWithInput(String stdin, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Ipvsadm cli = new Ipvsadm(this::unclosable, Names.NONE, dir.resolve("ip_vs_conn"),
                new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        int status = cli.run(args);
        return new Run(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    Run run(String... args) {
        return runWithInput("", args);
    }

    Run ok(String... args) {
        Run r = run(args);
        assertThat(r.status()).as(r.err()).isZero();
        assertThat(r.err()).isEmpty();
        return r;
    }

    void seedTable() {
        ok("-A", "-t", "10.0.0.3:80", "-s", "wrr");
        ok("-a", "-t", "10.0.0.3:80", "-r", "10.0.0.8:80", "-m", "-w", "2");
        ok("-a", "-t", "10.0.0.3:80", "-r", "10.0.0.7:8080", "-m");
        ok("-A", "-u", "10.0.0.3:53", "-s", "rr", "-o");
        ok("-a", "-u", "10.0.0.3:53", "-r", "10.0.0.7", "-g", "-w", "0");
        ok("-A", "-f", "7", "-s", "sh", "-b", "sh-port,sh-fallback", "-p", "600", "-M", "255.255.255.0");
        ok("-a", "-f", "7", "-r", "10.0.0.9", "-i", "--tun-type", "gue", "--tun-port", "6080", "--tun-csum");
        ok("-A", "-t", "[2001:db8::3]:443", "-p", "-M", "64");
        ok("-a", "-t", "[2001:db8::3]:443", "-r", "[2001:db8::7]:443", "-m", "-x", "100", "-y", "10");
    }

    @Test
    void listsInIpvsadmsLayoutSortedByAddressAndPort() {
        seedTable();
        assertThat(ok("-L", "-n").out()).isEqualTo("""
                IP Virtual Server version 1.2.1 (size=4096)
                Prot LocalAddress:Port Scheduler Flags
                  -> RemoteAddress:Port           Forward Weight ActiveConn InActConn
                TCP  10.0.0.3:80 wrr
                  -> 10.0.0.7:8080                Masq    1      0          0        \s
                  -> 10.0.0.8:80                  Masq    2      0          0        \s
                UDP  10.0.0.3:53 rr ops
                  -> 10.0.0.7:53                  Route   0      0          0        \s
                TCP  [2001:db8::3]:443 wlc persistent 360 mask 64
                  -> [2001:db8::7]:443            Masq    1      0          0        \s
                FWM  7 sh (sh-fallback,sh-port) persistent 600 mask 255.255.255.0
                  -> 10.0.0.9:0                   Tunnel  1      0          0        \s
                """);
    }

    @Test
    void saveIsRulesThatRestoreTheSameTable() {
        seedTable();
        String saved = ok("-S", "-n").out();
        assertThat(saved).isEqualTo("""
                -A -t 10.0.0.3:80 -s wrr
                -a -t 10.0.0.3:80 -r 10.0.0.7:8080 -m -w 1
                -a -t 10.0.0.3:80 -r 10.0.0.8:80 -m -w 2
                -A -u 10.0.0.3:53 -s rr -o
                -a -u 10.0.0.3:53 -r 10.0.0.7:53 -g -w 0
                -A -t [2001:db8::3]:443 -s wlc -p 360 -M 64
                -a -t [2001:db8::3]:443 -r [2001:db8::7]:443 -m -w 1
                -A -f 7 -s sh -p 600 -M 255.255.255.0 -b sh-fallback,sh-port
                -a -f 7 -r 10.0.0.9:0 -i -w 1 --tun-type gue --tun-port 6080 --tun-csum
                """);
        // -S keeps no thresholds (neither does ipvsadm's), so compare the default listing
        String listed = ok("-L", "-n").out();
        ok("-C");
        assertThat(ok("-L", "-n").out()).doesNotContain("TCP");
        Run restore = runWithInput(saved, "-R");
        assertThat(restore.status()).as(restore.err()).isZero();
        assertThat(ok("-S", "-n").out()).isEqualTo(saved);
        assertThat(ok("-L", "-n").out()).isEqualTo(listed);
    }

    @Test
    void statsRateAndExactNumbers() {
        ok("-A", "-t", "10.0.0.3:80");
        ok("-a", "-t", "10.0.0.3:80", "-r", "10.0.0.7", "-m");
        ServiceKey web = ServiceKey.tcp(Addresses.parseNumeric("10.0.0.3"), 80);
        kernel.setCounters(web, null, 0, new Stats(5, 123_456_789, 99_999_999, 5_000_000_000L, 123_456_789_012_345L,
                1, 2, 3, 4_000_000_000L, 150_000_000_000_000L));
        kernel.setCounters(web, Addresses.parseNumeric("10.0.0.7"), 80, new Stats(5, 10, 20, 30, 40, 1, 2, 3, 4, 5));
        assertThat(ok("-L", "-n", "--stats").out()).isEqualTo("""
                IP Virtual Server version 1.2.1 (size=4096)
                Prot LocalAddress:Port               Conns   InPkts  OutPkts  InBytes OutBytes
                  -> RemoteAddress:Port
                TCP  10.0.0.3:80                         5  123456K 99999999    5000M     123T
                  -> 10.0.0.7:80                         5       10       20       30       40
                """);
        assertThat(ok("-L", "-n", "--rate").out()).isEqualTo("""
                IP Virtual Server version 1.2.1 (size=4096)
                Prot LocalAddress:Port                 CPS    InPPS   OutPPS    InBPS   OutBPS
                  -> RemoteAddress:Port
                TCP  10.0.0.3:80                         1        2        3    4000M     150T
                  -> 10.0.0.7:80                         1        2        3        4        5
                """);
        assertThat(ok("-L", "-n", "--stats", "--exact").out()).contains(
                "TCP  10.0.0.3:80                         5 123456789 99999999 5000000000 123456789012345\n");
    }

    @Test
    void timeoutsSetAndListed() {
        ok("--set", "100", "0", "30");
        assertThat(ok("-L", "--timeout").out()).isEqualTo("Timeout (tcp tcpfin udp): 100 120 30\n");
    }

    @Test
    void kernelRefusalsAreIpvsadmsMessagesWithStatus255() {
        ok("-A", "-t", "10.0.0.3:80");
        assertThat(run("-A", "-t", "10.0.0.3:80")).isEqualTo(new Run(255, "", "Service already exists\n"));
        assertThat(run("-A", "-t", "10.0.0.4:80", "-s", "nosuch"))
                .isEqualTo(new Run(255, "", "Scheduler or persistence engine not found\n"));
        assertThat(run("-D", "-t", "10.0.0.4:80")).isEqualTo(new Run(255, "", "No such service\n"));
        assertThat(run("-d", "-t", "10.0.0.3:80", "-r", "10.0.0.7")).isEqualTo(new Run(255, "", "No such destination\n"));
        ok("-a", "-t", "10.0.0.3:80", "-r", "10.0.0.7");
        assertThat(run("-a", "-t", "10.0.0.3:80", "-r", "10.0.0.7")).isEqualTo(new Run(255, "", "Destination already exists\n"));
        assertThat(run("-a", "-t", "10.0.0.4:80", "-r", "10.0.0.7")).isEqualTo(new Run(255, "", "Service not defined\n"));
        assertThat(run("-L", "-t", "10.0.0.4:80")).isEqualTo(new Run(1, "", "No such service\n"));
    }

    @Test
    void badInputIsOneLineAndStatus2() {
        assertThat(run("-A", "-t", "10.0.0.300:80")).isEqualTo(new Run(2, "", "illegal virtual server address[:port] specified\n"));
        assertThat(run("-A", "-t", "10.0.0.3:99999")).isEqualTo(new Run(2, "", "illegal virtual server address[:port] specified\n"));
        assertThat(run("-A", "-t", "10.0.0.3")).isEqualTo(new Run(2, "", "Zero port specified for non-persistent service\n"));
        assertThat(run("-a", "-t", "10.0.0.3:80", "-r", "10.0.0.7", "-w", "-1")).isEqualTo(new Run(2, "", "illegal weight specified\n"));
        assertThat(run("-a", "-t", "10.0.0.3:80", "-r", "10.0.0.7", "-w", "x")).isEqualTo(new Run(2, "", "illegal weight specified\n"));
        assertThat(run("-a", "-t", "10.0.0.3:80", "-r", "nosuch..host")).isEqualTo(new Run(2, "", "illegal real server address[:port] specified\n"));
        assertThat(run("-A", "-t", "10.0.0.3:80", "-p", "0")).isEqualTo(new Run(2, "", "invalid timeout value `0' specified\n"));
        assertThat(run("-A", "-f", "0")).isEqualTo(new Run(2, "", "invalid fwmark value `0' specified\n"));
        assertThat(run("-A", "-t", "10.0.0.3:80", "-o")).isEqualTo(new Run(2, "", "One-Packet Scheduling is only for UDP virtual services\n"));
        assertThat(run("-A", "-t", "10.0.0.3:80", "-r", "10.0.0.7")).isEqualTo(new Run(2, "", "Illegal 'real-server' option with the 'add-service' command\n"));
        assertThat(run("-a", "-t", "10.0.0.3:80")).isEqualTo(new Run(2, "", "You need to supply the 'real-server' option for the 'add-server' command\n"));
        assertThat(run("-A", "-t", "10.0.0.3:80", "-E")).isEqualTo(new Run(2, "", "invalid option `-E'\n"));
        assertThat(run("-A", "-t", "10.0.0.3:80", "-b", "sh-port")).isEqualTo(new Run(2, "", "incompatible scheduler flag `sh-port'\n"));
        assertThat(run("-a", "-t", "10.0.0.3:80", "-r", "10.0.0.7", "-m", "--tun-type", "gre"))
                .isEqualTo(new Run(2, "", "Tunnel options conflict with forward method\n"));
        assertThat(run("-a", "-t", "10.0.0.3:80", "-r", "10.0.0.7", "-i", "--tun-type", "gue"))
                .isEqualTo(new Run(2, "", "You need to supply the 'tun-port' option for the 'gue' tunnel type\n"));
        assertThat(run("-L", "-c", "--stats")).isEqualTo(new Run(2, "", "options conflicts in the list command\n"));
        assertThat(run("--set", "1", "2")).isEqualTo(new Run(2, "", "--set option requires 3 timeout values\n"));
        assertThat(run("-n", "-L")).isEqualTo(new Run(255, "", "Try `ipvsadm -h' or 'ipvsadm --help' for more information.\n"));
        assertThat(run("-L", "--bogus")).isEqualTo(new Run(255, "", "--bogus: unknown option\n"));
        assertThat(run("-A", "-f", "1", "-6", "-M", "129")).isEqualTo(new Run(2, "", "illegal ipv6 netmask specified\n"));
        assertThat(run("-A", "-t", "10.0.0.3:80", "-6")).isEqualTo(new Run(2, "", "-6 used before -f\n\n"));
        assertThat(kernel.services()).isEmpty();
    }

    @Test
    void aKernelWithoutIpvsIsOneLineAndStatus2() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Ipvsadm cli = new Ipvsadm(() -> {
            throw new IpvsUnavailableException();
        }, Names.NONE, dir.resolve("c"), new ByteArrayInputStream(new byte[0]), new PrintStream(new ByteArrayOutputStream()),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        assertThat(cli.run("-L", "-n")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8))
                .isEqualTo("this kernel has no IPVS: generic netlink family IPVS not found; load the ip_vs module\n");
    }

    @Test
    void connectionsFromTheKernelsTable() throws Exception {
        Files.writeString(dir.resolve("ip_vs_conn"), """
                Pro FromIP   FPrt ToIP     TPrt DestIP   DPrt State       Expires PEName PEData
                TCP 0A000064 C350 0A000003 0050 0A000007 0050 ESTABLISHED     899
                UDP 0A000064 D431 0A000003 0035 0A000007 0035 UDP             299
                """);
        assertThat(ok("-L", "-n", "-c").out()).isEqualTo("""
                IPVS connection entries
                pro expire state       source             virtual            destination
                TCP 14:59  ESTABLISHED 10.0.0.100:50000   10.0.0.3:80        10.0.0.7:80
                UDP 04:59  UDP         10.0.0.100:54321   10.0.0.3:53        10.0.0.7:53
                """);
    }

    @Test
    void syncDaemonsStartListAndStopAsOnTheRealKernel() {
        // the expected text is what ipvsadm 1.31 printed on the VM's 6.1 kernel for the same commands
        kernel.addInterface("veth0", 1500);
        assertThat(ok("-L", "--daemon").out()).isEmpty();
        ok("--start-daemon", "master", "--mcast-interface", "veth0");
        assertThat(run("--start-daemon", "master", "--mcast-interface", "veth0"))
                .isEqualTo(new Run(255, "", "Daemon has already run\n"));
        assertThat(run("--start-daemon", "master", "--mcast-interface", "nosuch"))
                .isEqualTo(new Run(255, "", "No such device\n"));
        ok("--start-daemon", "backup", "--mcast-interface", "veth0", "--syncid", "7", "--sync-maxlen", "100",
                "--mcast-group", "239.1.2.3", "--mcast-port", "9000", "--mcast-ttl", "5");
        assertThat(ok("-L", "-n", "--daemon").out()).isEqualTo("""
                master sync daemon (mcast=veth0, syncid=0, maxlen=1472, group=224.0.0.81, port=8848, ttl=1)
                backup sync daemon (mcast=veth0, syncid=7, maxlen=1024, group=239.1.2.3, port=9000, ttl=5)
                """);
        ok("--stop-daemon", "master");
        assertThat(run("--stop-daemon", "master")).isEqualTo(new Run(255, "", "No daemon is running\n"));
        ok("--stop-daemon", "backup");
        ok("--start-daemon=master", "--mcast-interface=veth0", "--sync-maxlen", "65507", "--mcast-group", "ff02::1:2");
        ok("--start-daemon", "backup", "--mcast-interface", "lo", "--syncid", "255");
        assertThat(ok("-L", "--daemon").out()).isEqualTo("""
                master sync daemon (mcast=veth0, syncid=0, maxlen=65487, group=ff02::1:2, port=8848, ttl=1)
                backup sync daemon (mcast=lo, syncid=255, maxlen=65507, group=224.0.0.81, port=8848, ttl=1)
                """);
    }

    @Test
    void aStartedDaemonsInterfaceDefaultsToEth0AndIsCutTo15Bytes() {
        assertThat(run("--start-daemon", "master")).isEqualTo(new Run(255, "", "No such device\n"));
        kernel.addInterface("eth0", 9000);
        ok("--start-daemon", "backup");
        kernel.addInterface("abcdefghijklmno", 1500);
        ok("--start-daemon", "master", "--mcast-interface", "abcdefghijklmnopqrstu");
        assertThat(ok("-L", "--daemon").out()).isEqualTo("""
                master sync daemon (mcast=abcdefghijklmno, syncid=0, maxlen=1472, group=224.0.0.81, port=8848, ttl=1)
                backup sync daemon (mcast=eth0, syncid=0, maxlen=8972, group=224.0.0.81, port=8848, ttl=1)
                """);
    }

    @Test
    void badSyncDaemonOptionsAreRefusedBeforeTheKernel() {
        assertThat(run("--start-daemon", "foo")).isEqualTo(new Run(2, "", "illegal start-daemon parameter specified\n"));
        assertThat(run("--stop-daemon", "foo")).isEqualTo(new Run(2, "", "illegal start_daemon specified\n"));
        assertThat(run("--start-daemon", "master", "--syncid", "256")).isEqualTo(new Run(2, "", "illegal syncid specified\n"));
        assertThat(run("--start-daemon", "master", "--mcast-group", "10.0.0.1"))
                .isEqualTo(new Run(2, "", "invalid IPv4 mcast-group `10.0.0.1'\n"));
        assertThat(run("--start-daemon", "master", "--mcast-group", "fd00::1"))
                .isEqualTo(new Run(2, "", "invalid IPv6 mcast-group `fd00::1'\n"));
        assertThat(run("--start-daemon", "master", "--mcast-port", "0")).isEqualTo(new Run(2, "", "illegal mcast-port specified\n"));
        assertThat(run("--start-daemon", "master", "--mcast-ttl", "256")).isEqualTo(new Run(2, "", "illegal mcast-ttl specified\n"));
        assertThat(run("--start-daemon", "master", "--sync-maxlen", "65508"))
                .isEqualTo(new Run(2, "", "illegal sync-maxlen specified\n"));
        assertThat(run("--stop-daemon", "master", "--mcast-interface", "lo"))
                .isEqualTo(new Run(2, "", "Illegal 'mcast-interface' option with the 'stop-daemon' command\n"));
        assertThat(run("-L", "--daemon", "--stats")).isEqualTo(new Run(2, "", "options conflicts in the list command\n"));
        assertThat(run("-L", "--daemon", "-c"))
                .isEqualTo(new Run(2, "", "The option 'daemon' conflicts with the 'connection' option in the 'list' command\n"));
        assertThat(run("--start-daemon")).isEqualTo(new Run(255, "", "Try `ipvsadm -h' or 'ipvsadm --help' for more information.\n"));
        // popt names the last word it read: the second command's argument, or the whole --opt=value word
        assertThat(run("--start-daemon", "master", "--start-daemon", "backup")).isEqualTo(new Run(2, "", "invalid option `backup'\n"));
        assertThat(run("--start-daemon", "master", "--stop-daemon=backup"))
                .isEqualTo(new Run(2, "", "invalid option `--stop-daemon=backup'\n"));
        assertThat(kernel.daemons()).isEmpty();
    }
}
