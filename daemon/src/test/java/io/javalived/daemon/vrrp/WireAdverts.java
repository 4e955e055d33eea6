package io.javalived.daemon.vrrp;

import io.javalived.lab.LabHost;
import io.javalived.net.netns.InNamespace;
import io.javalived.net.socket.Ipv4VrrpSocket;
import io.javalived.vrrp.packet.AdvertCodec;
import io.javalived.vrrp.packet.Decoded;
import io.javalived.vrrp.packet.IpFamily;
import io.javalived.vrrp.packet.Ipv4Header;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

/**
 * The VRRPv2/v3 adverts on a lab host's eth0 as that host receives them (a raw protocol-112 socket in its namespace,
 * joined to 224.0.0.18), each with its arrival time: what the routers say on the wire.
 */
final class WireAdverts implements AutoCloseable {
    /** One advert as received. */
    record Seen(long atNanos, Inet4Address source, int vrid, int priority) {}

    private final Ipv4VrrpSocket socket;
    private final List<Seen> seen = new CopyOnWriteArrayList<>();
    private final Thread thread;
    private volatile boolean running = true;

    private WireAdverts(Ipv4VrrpSocket socket) {
        this.socket = socket;
        this.thread = Thread.ofPlatform().daemon().name("wire-adverts").start(this::run);
    }

    static WireAdverts on(LabHost host) throws Exception {
        Inet4Address self = (Inet4Address) InetAddress.getByName(host.ipv4());
        Ipv4VrrpSocket s = InNamespace.call(host.namespacePath(), () -> {
            Ipv4VrrpSocket x = Ipv4VrrpSocket.open("eth0", self);
            x.joinGroup((Inet4Address) InetAddress.getByName("224.0.0.18"));
            return x;
        });
        return new WireAdverts(s);
    }

    private void run() {
        while (running) {
            byte[] b;
            try {
                b = socket.receive(Duration.ofMillis(100));
            } catch (RuntimeException e) {
                continue;
            }
            if (b == null) continue;
            long now = System.nanoTime();
            try {
                Ipv4Header ip = Ipv4Header.decode(b, b.length);
                int off = ip.headerLength();
                Decoded d = AdvertCodec.decode(b, off, ip.totalLength() - off, IpFamily.IPV4);
                if (d instanceof Decoded.Ok ok) {
                    seen.add(new Seen(now, ip.source(), ok.advert().vrid(), ok.advert().priority()));
                }
            } catch (RuntimeException e) {
                // not a VRRP datagram we can read: not an advert
            }
        }
    }

    List<Seen> all() {
        return List.copyOf(seen);
    }

    /** The first advert after {@code sinceNanos} that {@code wanted} accepts, waiting up to {@code timeout}; null if none. */
    Seen await(long sinceNanos, Predicate<Seen> wanted, Duration timeout) throws InterruptedException {
        long end = System.nanoTime() + timeout.toNanos();
        while (true) {
            for (Seen s : seen) if (s.atNanos() > sinceNanos && wanted.test(s)) return s;
            if (System.nanoTime() > end) return null;
            Thread.sleep(5);
        }
    }

    /** The adverts after {@code sinceNanos}. */
    List<Seen> since(long sinceNanos) {
        return seen.stream().filter(s -> s.atNanos() > sinceNanos).toList();
    }

    @Override
    public void close() {
        running = false;
        try {
            thread.join(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        socket.close();
    }
}
