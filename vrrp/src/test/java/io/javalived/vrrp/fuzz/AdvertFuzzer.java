package io.javalived.vrrp.fuzz;

import static io.javalived.vrrp.packet.AddressLiterals.v4;
import static io.javalived.vrrp.packet.AddressLiterals.v6;

import io.javalived.vrrp.packet.Advert;
import io.javalived.vrrp.packet.AdvertCodec;
import io.javalived.vrrp.packet.AuthData;
import io.javalived.vrrp.packet.AuthType;
import io.javalived.vrrp.packet.ChecksumMode;
import io.javalived.vrrp.packet.Decoded;
import io.javalived.vrrp.packet.IpFamily;
import io.javalived.vrrp.packet.Ipv4Header;
import io.javalived.vrrp.packet.VrrpVersion;
import io.javalived.vrrp.receive.AdvertValidator;
import io.javalived.vrrp.receive.Expectations;
import io.javalived.vrrp.receive.ReceiveStatistics;
import io.javalived.vrrp.receive.ReceivedPacket;
import io.javalived.vrrp.receive.Reception;
import io.javalived.vrrp.receive.ExpectedPeer;
import io.javalived.vrrp.state.InstanceSettings;
import io.javalived.vrrp.state.VrrpEvent;
import io.javalived.vrrp.state.VrrpStateMachine;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.SplittableRandom;
import io.javalived.vrrp.receive.Notice;
import io.javalived.vrrp.state.VrrpAction;

/**
 * Throws random and mutated packets at the decoder, the receive checks and a running state machine: well-formed
 * adverts from several peers, the same with bytes flipped, truncated or extended, and pure noise. Every packet
 * must come out as a {@link Reception} (accepted or rejected with a reason); anything thrown is a finding.
 * Run as a main to print the counts: {@code java ... io.javalived.vrrp.fuzz.AdvertFuzzer [count] [seed]}.
 */
public final class AdvertFuzzer {

    /** What a run saw. */
    public record Report(long packets, long accepted, ReceiveStatistics statistics, long decodeOk, long decodeMalformed,
                         long escaped, List<String> findings, long stateChanges) {}

    private final SplittableRandom random;
    private final List<Profile> profiles = new ArrayList<>();

    /** One instance configuration with the packets a peer of it would send. */
    private record Profile(Expectations expectations, VrrpStateMachine machine, List<byte[]> seeds, boolean ipv6,
                           Inet6Address src6, Inet6Address dst6) {}

    public AdvertFuzzer(long seed) {
        this.random = new SplittableRandom(seed);
        Inet4Address lb01 = v4("10.0.0.5");
        Inet4Address lb02 = v4("10.0.0.6");
        Inet4Address vip = v4("10.0.0.3");
        Inet4Address group = AdvertValidator.VRRP_GROUP_V4;
        // v2 PASS multicast, as the seed config.
        var v2 = new Expectations(VrrpVersion.V2, IpFamily.IPV4, 62, AuthType.PASS, AuthData.password("1234"), 100,
                false, group, List.of(), false, false, List.of(vip), false);
        List<byte[]> v2seeds = new ArrayList<>();
        for (int prio : new int[] {0, 50, 100, 150, 255}) {
            Advert a = Advert.v2(62, prio, AuthType.PASS, AuthData.password("1234"), 1, List.of(vip));
            byte[] m = AdvertCodec.encode(a, ChecksumMode.PLAIN);
            v2seeds.add(Ipv4Header.frame(Ipv4Header.forAdvert(lb02, group, 255, prio + 1, m.length), m));
        }
        profiles.add(new Profile(v2, machine(VrrpVersion.V2, 100, lb01), v2seeds, false, null, null));
        // v3 unicast with a TTL range and source checks.
        var v3u = new Expectations(VrrpVersion.V3, IpFamily.IPV4, 62, AuthType.NONE, AuthData.ZEROS, 10, false, group,
                List.of(new ExpectedPeer(lb02, 200, 255)), true, false, List.of(vip, v4("10.0.0.4")), false);
        List<byte[]> v3seeds = new ArrayList<>();
        for (int prio : new int[] {0, 50, 100, 200}) {
            Advert a = Advert.v3(IpFamily.IPV4, 62, prio, prio == 200 ? 20 : 10, List.of(vip, v4("10.0.0.4")));
            byte[] m = AdvertCodec.encode(a, new ChecksumMode.Ipv4Pseudo(lb02, lb01));
            v3seeds.add(Ipv4Header.frame(Ipv4Header.forAdvert(lb02, lb01, 255, prio + 7, m.length), m));
        }
        profiles.add(new Profile(v3u, machine(VrrpVersion.V3, 100, lb01), v3seeds, false, null, null));
        // v3 IPv6 multicast.
        Inet6Address src6 = v6("fe80::6");
        Inet6Address vip6 = v6("fe80::3");
        var v36 = new Expectations(VrrpVersion.V3, IpFamily.IPV6, 7, AuthType.NONE, AuthData.ZEROS, 100, false,
                AdvertValidator.VRRP_GROUP_V6, List.of(), false, false, List.of(vip6), false);
        List<byte[]> v6seeds = new ArrayList<>();
        for (int prio : new int[] {0, 90, 100, 110}) {
            v6seeds.add(AdvertCodec.encode(Advert.v3(IpFamily.IPV6, 7, prio, 100, List.of(vip6)),
                    new ChecksumMode.Ipv6Pseudo(src6, AdvertValidator.VRRP_GROUP_V6)));
        }
        profiles.add(new Profile(v36, machine(VrrpVersion.V3, 100, v6("fe80::5")), v6seeds, true, src6,
                AdvertValidator.VRRP_GROUP_V6));
        for (Profile p : profiles) p.machine.handle(VrrpEvent.START, 0);
    }

    private static VrrpStateMachine machine(VrrpVersion v, int prio, InetAddress self) {
        return new VrrpStateMachine(InstanceSettings.of("fuzz", v, 62, prio, false, v == VrrpVersion.V2 ? 100 : 10, self));
    }

    public Report run(long count) {
        var stats = new ReceiveStatistics();
        long accepted = 0, ok = 0, malformed = 0, escaped = 0, changes = 0;
        List<String> findings = new ArrayList<>();
        long now = 0;
        for (long i = 0; i < count; i++) {
            Profile p = profiles.get(random.nextInt(profiles.size()));
            byte[] packet = next(p);
            now += random.nextLong(1, 50_000_000L);
            try {
                ReceivedPacket rp = p.ipv6
                        ? new ReceivedPacket.Ipv6Payload(packet, p.src6, random.nextInt(8) == 0 ? null : p.dst6,
                                random.nextInt(10) == 0 ? random.nextInt(256) : 255)
                        : new ReceivedPacket.Ipv4Datagram(packet);
                Reception r = AdvertValidator.check(rp, p.expectations);
                stats.record(r);
                if (r instanceof Reception.Rejected x && x.detail().startsWith("undecodable")) {
                    escaped++;
                    if (findings.size() < 10) findings.add(x.detail());
                }
                int off = p.ipv6 ? 0 : Math.min(packet.length, packet.length > 0 ? (packet[0] & 0x0f) * 4 : 0);
                switch (AdvertCodec.decode(packet, off, packet.length - off, p.ipv6 ? IpFamily.IPV6 : IpFamily.IPV4)) {
                    case Decoded.Ok d -> ok++;
                    case Decoded.Malformed m -> malformed++;
                }
                if (r instanceof Reception.Accepted a) {
                    accepted++;
                    var ev = new VrrpEvent.AdvertReceived(a.source(), a.advert().priority(), a.advert().intervalCentis());
                    changes += countChanges(p.machine.handle(ev, now));
                }
                if (p.machine.nextDeadline() <= now) changes += countChanges(p.machine.handle(VrrpEvent.TICK, now));
                if (random.nextInt(1000) == 0) {
                    boolean fault = random.nextBoolean();
                    changes += countChanges(p.machine.handle(new VrrpEvent.HealthChanged(fault, random.nextInt(1, 255), "fuzz"), now));
                }
            } catch (RuntimeException e) {
                escaped++;
                if (findings.size() < 10) findings.add(e + " on " + java.util.HexFormat.of().formatHex(packet));
            }
        }
        return new Report(count, accepted, stats, ok, malformed, escaped, findings, changes);
    }

    private static long countChanges(List<VrrpAction> actions) {
        return actions.stream().filter(a -> a instanceof VrrpAction.StateChanged).count();
    }

    /** A seed advert as is, mutated, or noise. */
    private byte[] next(Profile p) {
        byte[] seed = p.seeds.get(random.nextInt(p.seeds.size()));
        int kind = random.nextInt(10);
        return switch (kind) {
            case 0, 1 -> seed.clone();
            case 2 -> noise(random.nextInt(0, 80));
            case 3 -> java.util.Arrays.copyOf(seed, random.nextInt(seed.length + 1));
            case 4 -> {
                byte[] b = java.util.Arrays.copyOf(seed, seed.length + random.nextInt(1, 40));
                for (int i = seed.length; i < b.length; i++) b[i] = (byte) random.nextInt(256);
                yield b;
            }
            default -> {
                byte[] b = seed.clone();
                int flips = 1 + random.nextInt(4);
                for (int f = 0; f < flips && b.length > 0; f++) {
                    int at = random.nextInt(b.length);
                    if (random.nextBoolean()) b[at] ^= (byte) (1 << random.nextInt(8));
                    else b[at] = (byte) random.nextInt(256);
                }
                yield b;
            }
        };
    }

    private byte[] noise(int n) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) b[i] = (byte) random.nextInt(256);
        if (n > 0 && random.nextBoolean()) b[0] = 0x45;
        return b;
    }



    public static void main(String[] args) {
        long count = args.length > 0 ? Long.parseLong(args[0]) : 1_000_000L;
        long seed = args.length > 1 ? Long.parseLong(args[1]) : new Random().nextLong();
        long t0 = System.nanoTime();
        Report r = new AdvertFuzzer(seed).run(count);
        long ms = (System.nanoTime() - t0) / 1_000_000;
        System.out.printf("packets %d (seed %d) in %d ms%n", r.packets(), seed, ms);
        System.out.printf("accepted %d, rejected %d, escaped exceptions %d, state changes %d%n", r.accepted(),
                r.statistics().rejectedTotal(), r.escaped(), r.stateChanges());
        System.out.printf("decoder: well-formed %d, malformed %d%n", r.decodeOk(), r.decodeMalformed());
        r.statistics().rejections().forEach((reason, n) -> System.out.printf("  %-24s %d%n", reason, n));
        for (var n : Notice.values()) {
            System.out.printf("  notice %-17s %d%n", n, r.statistics().noticed(n));
        }
        r.findings().forEach(f -> System.out.println("FINDING " + f));
        System.exit(r.escaped() == 0 ? 0 : 1);
    }
}
