package io.javalived.vrrp.runtime;

import io.javalived.vrrp.state.Vip;

import io.javalived.net.file.Fifo;
import io.javalived.net.rtnl.InterfaceAddress;
import io.javalived.net.rtnl.Link;
import io.javalived.net.rtnl.LinkMonitor;
import io.javalived.net.rtnl.RouteNetlink;
import io.javalived.net.socket.IpConstants;
import io.javalived.net.socket.Ipv4VrrpSocket;
import io.javalived.net.socket.Ipv6VrrpSocket;
import io.javalived.net.socket.PacketSocket;
import io.javalived.vrrp.packet.AnnouncementFrames;
import io.javalived.vrrp.packet.IpFamily;
import io.javalived.vrrp.receive.ReceivedPacket;
import java.io.IOException;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiConsumer;
import java.util.function.LongSupplier;
import io.javalived.net.ffm.Errno;
import io.javalived.net.ffm.ErrnoException;
import io.javalived.scripts.ProcessScriptRunner;
import io.javalived.scripts.ScriptRunner;

/** The real thing: raw sockets, rtnetlink and AF_PACKET through linux-net, child processes, System.nanoTime. */
public final class LinuxPlatform implements Platform, AutoCloseable {
    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(LinuxPlatform.class);
    private final RouteNetlink rtnl = RouteNetlink.open();
    /** AF_PACKET sockets by interface index (an interface keeps it across a rename). */
    private final Map<Integer, PacketSocket> packetSockets = new ConcurrentHashMap<>();
    private final ScriptRunner scripts = new ProcessScriptRunner();
    private final RealtimePriority realtime = new LinuxRealtimePriority();
    private final VipFirewall firewall;

    /** With keepalived's default firewall settings (table ip keepalived, priority -1, no counters). */
    public LinuxPlatform() {
        this(FirewallSettings.defaults());
    }

    public LinuxPlatform(FirewallSettings firewall) {
        this.firewall = new NftablesFirewall(firewall);
    }
    private volatile LinkMonitor monitor;
    private volatile KernelAddresses addressWatcher;
    private final LinuxFileWatcher files = new LinuxFileWatcher();
    private final ProcScanner processes = new ProcScanner();
    private final VipManager vips = new VipManager() {
        @Override
        public void add(Vip v) {
            try {
                rtnl.addAddress(toKernel(v), v.toString());
            } catch (RuntimeException e) {
                linkCache.remove(v.device()); // the interface may have been re-created with a new index
                rtnl.addAddress(toKernel(v), v.toString());
            }
        }

        @Override
        public void remove(Vip v) {
            if (!rtnl.deleteAddress(toKernel(v), v.toString())) log.debug("VIP {} was not configured", v);
        }
    };

    /** Interfaces by name, looked up once (a takeover then costs one netlink request per VIP). */
    private final Map<String, Link> linkCache = new ConcurrentHashMap<>();

    private final RoutingTables routing = new KernelRoutingTables(rtnl, d -> {
        try {
            return link(d).index();
        } catch (RuntimeException e) {
            linkCache.remove(d); // re-created with a new index, or not there yet: ask again
            return link(d).index();
        }
    });

    private Link link(String device) {
        return linkCache.computeIfAbsent(device, d -> rtnl.link(d)
                .orElseThrow(() -> new NetworkActionException("interface " + d + " does not exist")));
    }

    private InterfaceAddress toKernel(Vip v) {
        Link l = link(v.device());
        return new InterfaceAddress(l.index(), v.address(), v.prefixLength(), v.scope(), v.label(), v.broadcast(), v.peer(), 0);
    }

    @Override
    public AdvertSocket openSocket(InstanceConfig c) {
        // Resolve the VIPs' interfaces, open their gratuitous ARP/NA sockets and start the link monitor (which the
        // GARPs ask for the interface's name now) now, not on the takeover path: started there, the monitor alone put
        // 10-20 ms between the VIPs and their first GARP.
        if (!c.allVips().isEmpty()) {
            try {
                linkMonitor();
            } catch (RuntimeException e) {
                log.debug("link monitor not started yet: {}", e.getMessage());
            }
        }
        for (Vip v : c.allVips()) {
            try {
                packetSocket(link(v.device()), v.device());
            } catch (RuntimeException e) {
                log.debug("VIP interface {} not resolved yet: {}", v.device(), e.getMessage());
            }
        }
        if (c.family() == IpFamily.IPV4) {
            Ipv4VrrpSocket s = Ipv4VrrpSocket.open(c.advertInterface(), (Inet4Address) c.sourceAddress(),
                    c.authType() == io.javalived.vrrp.packet.AuthType.AH ? IpConstants.IPPROTO_AH : IpConstants.IPPROTO_VRRP);
            if (!c.unicast()) s.joinGroup((Inet4Address) c.expectations().multicastGroup());
            return new AdvertSocket() {
                @Override
                public void send(InetAddress destination, byte[] packet) {
                    s.send((Inet4Address) destination, packet);
                }

                @Override
                public ReceivedPacket receive(Duration wait) {
                    byte[] d = s.receive(wait);
                    return d == null ? null : new ReceivedPacket.Ipv4Datagram(d);
                }

                @Override
                public void close() {
                    s.close();
                }
            };
        }
        Ipv6VrrpSocket s = openIpv6WhenAddressReady(c);
        if (!c.unicast()) s.joinGroup((Inet6Address) c.expectations().multicastGroup());
        return new AdvertSocket() {
            @Override
            public void send(InetAddress destination, byte[] packet) {
                s.send((Inet6Address) destination, packet);
            }

            @Override
            public ReceivedPacket receive(Duration wait) {
                Ipv6VrrpSocket.Datagram d = s.receive(wait);
                return d == null ? null : new ReceivedPacket.Ipv6Payload(d.payload(), d.source(), d.destination(), d.hopLimit());
            }

            @Override
            public void close() {
                s.close();
            }
        };
    }

    @Override
    public VipManager vips() {
        return vips;
    }

    /** How long a new VMAC may take to show up in the link monitor (its tracker would read it as down). */
    private static final Duration VMAC_SEEN = Duration.ofSeconds(2);
    private volatile MacvlanVmacs macvlans;

    @Override
    public VmacLinks vmacs() {
        return new VmacLinks() {
            @Override
            public void create(Vmac v) {
                LinkMonitor m = linkMonitor();
                macvlans().create(v);
                // The instance's trackers read the VMAC's state from the link monitor: let it hear the link first.
                long end = System.nanoTime() + VMAC_SEEN.toNanos();
                while (!m.isUp(v.name()) && System.nanoTime() - end < 0 && rtnl.link(v.name()).map(Link::up).orElse(false)) {
                    try {
                        Thread.sleep(5);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                }
            }

            @Override
            public void remove(Vmac v) {
                if (macvlans != null) macvlans.remove(v);
            }
        };
    }

    private synchronized MacvlanVmacs macvlans() {
        if (macvlans == null) macvlans = new MacvlanVmacs(rtnl, io.javalived.net.sysctl.Sysctl.proc(), this::forgetLink);
        return macvlans;
    }

    /** A link was made, changed or removed under this name: its cached index and AF_PACKET socket are stale. */
    private void forgetLink(String name) {
        Link old = linkCache.remove(name);
        if (old != null) {
            PacketSocket ps = packetSockets.remove(old.index());
            if (ps != null) ps.close();
        }
    }

    @Override
    public RoutingTables routing() {
        return routing;
    }

    @Override
    public VipFirewall firewall() {
        return firewall;
    }

    @Override
    public Announcer announcer() {
        return (vip, count) -> {
            Link l = link(vip.device());
            String now = linkMonitor().link(l.index()).map(Link::name).orElse(vip.device()); // renamed: its name now
            PacketSocket ps = packetSocket(l, now);
            // the router flag of an unsolicited NA: read from /proc only for IPv6
            boolean router = vip.address() instanceof Inet6Address && forwarding(now);
            byte[] frame = AnnouncementFrames.announce(l.hardwareAddress(), vip.address(), router);
            for (int n = 0; n < count; n++) ps.send(frame);
        };
    }

    /** The interface's packet socket for gratuitous ARPs and NAs (protocol 0: it receives nothing), opened once. */
    private PacketSocket packetSocket(Link l, String name) {
        return packetSockets.computeIfAbsent(l.index(), i -> PacketSocket.open(name));
    }

    private static boolean forwarding(String ifname) {
        try {
            return Files.readString(Path.of("/proc/sys/net/ipv6/conf", ifname, "forwarding")).trim().equals("1");
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    @Override
    public FileWatcher files() {
        return files;
    }

    @Override
    public ProcessWatcher processes() {
        return processes;
    }

    @Override
    public ScriptRunner scripts() {
        return scripts;
    }

    private synchronized LinkMonitor linkMonitor() {
        if (monitor == null) monitor = LinkMonitor.start();
        return monitor;
    }

    @Override
    public synchronized AddressWatcher addresses() {
        if (addressWatcher == null) {
            addressWatcher = new KernelAddresses(v -> {
                try {
                    return OptionalInt.of(link(v.device()).index());
                } catch (RuntimeException e) {
                    return OptionalInt.empty();
                }
            });
        }
        return addressWatcher;
    }

    @Override
    public LinkWatcher links() {
        LinkMonitor m = linkMonitor();
        return new LinkWatcher() {
            @Override
            public boolean isUp(String interfaceName) {
                return m.isUp(interfaceName);
            }

            @Override
            public boolean multicastCapable(String interfaceName) {
                return m.link(interfaceName).map(Link::multicast).orElse(true);
            }

            @Override
            public void onChange(BiConsumer<String, Boolean> listener) {
                m.onChange(l -> listener.accept(l.name(), l.up()));
            }

            @Override
            public void onRename(BiConsumer<String, String> listener) {
                m.onRename(listener);
            }

            @Override
            public void close() {
            }
        };
    }

    @Override
    public NotifyFifo openFifo(Path path) {
        Fifo f;
        try {
            f = Fifo.open(path);
        } catch (RuntimeException e) {
            throw new NetworkActionException("cannot open notify FIFO " + path + ": " + e.getMessage());
        }
        return new NotifyFifo() {
            @Override
            public boolean write(String line) {
                return f.write(line.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            }

            @Override
            public String name() {
                return path.toString();
            }

            @Override
            public void close() {
                f.close();
            }
        };
    }

    @Override
    public Optional<InetAddress> primaryAddress(String interfaceName, IpFamily family) {
        Optional<Link> l = rtnl.link(interfaceName);
        if (l.isEmpty()) return Optional.empty();
        return rtnl.addresses(family == IpFamily.IPV4 ? 2 : 10, l.get().index()).stream()
                .map(InterfaceAddress::address)
                .filter(a -> family == IpFamily.IPV4 || a.isLinkLocalAddress())
                .findFirst();
    }

    @Override
    public RealtimePriority realtime() {
        return realtime;
    }

    @Override
    public LongSupplier clock() {
        return System::nanoTime;
    }

    @Override
    public void close() {
        packetSockets.values().forEach(PacketSocket::close);
        if (macvlans != null) macvlans.close();
        firewall.close();   // the nftables table goes, as keepalived deletes it at stop
        if (monitor != null) monitor.close();
        if (addressWatcher != null) addressWatcher.close();
        files.close();
        processes.close();
        rtnl.close();
        scripts.close();   // every script still running, and what its children left behind, is killed
    }

    /** How long an IPv6 source address may stay tentative (duplicate address detection) before we give up. */
    static final Duration DAD_WAIT = Duration.ofSeconds(10);

    /**
     * Opens the IPv6 VRRP socket, waiting while its source address is still tentative: right after an
     * interface comes up, the kernel refuses to bind its link-local address (EADDRNOTAVAIL) until duplicate
     * address detection ends (about a second). Giving up at once would leave the instance in FAULT for good.
     */
    private static Ipv6VrrpSocket openIpv6WhenAddressReady(InstanceConfig c) {
        long deadline = System.nanoTime() + DAD_WAIT.toNanos();
        boolean told = false;
        while (true) {
            try {
                return Ipv6VrrpSocket.open(c.advertInterface(), (Inet6Address) c.sourceAddress());
            } catch (ErrnoException e) {
                if (!e.is(Errno.EADDRNOTAVAIL) || System.nanoTime() - deadline > 0) throw e;
                if (!told) {
                    log.info("{}: waiting for {} to finish duplicate address detection before binding to it",
                            c.advertInterface(), c.sourceAddress().getHostAddress());
                    told = true;
                }
                try {
                    Thread.sleep(100);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }
}
