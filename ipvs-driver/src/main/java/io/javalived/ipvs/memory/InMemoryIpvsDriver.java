package io.javalived.ipvs.memory;

import io.javalived.ipvs.AddressFamily;
import io.javalived.ipvs.Destination;
import io.javalived.ipvs.DestinationEntry;
import io.javalived.ipvs.ForwardingMethod;
import io.javalived.ipvs.IpvsDriver;
import io.javalived.ipvs.IpvsException;
import io.javalived.ipvs.IpvsInfo;
import io.javalived.ipvs.IpvsOperation;
import io.javalived.ipvs.Schedulers;
import io.javalived.ipvs.ServiceEntry;
import io.javalived.ipvs.ServiceKey;
import io.javalived.ipvs.Stats;
import io.javalived.ipvs.SyncDaemon;
import io.javalived.ipvs.SyncState;
import io.javalived.ipvs.Timeouts;
import io.javalived.ipvs.TunnelType;
import io.javalived.ipvs.Tunnel;
import io.javalived.ipvs.VirtualService;
import io.javalived.net.ffm.Errno;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import io.javalived.ipvs.Addresses;

/**
 * An in-memory IPVS kernel that enforces the rules of {@code net/netfilter/ipvs/ip_vs_ctl.c}, so logic
 * tests without root or a kernel module still catch real mistakes:
 * <ul>
 *   <li>adding an existing service: EEXIST (checked before the scheduler); editing, deleting, zeroing or
 *       adding a destination to a missing service: ESRCH;</li>
 *   <li>unknown scheduler or persistence engine: ENOENT; IPv6 persistence prefix outside 1..128: EINVAL;</li>
 *   <li>a destination of another family than its service unless tunnelled: EINVAL; negative weight or
 *       lower threshold above the upper one: ERANGE; GUE tunnel without a port, or remote checksum
 *       offload without GUE: EINVAL; duplicate destination: EEXIST; missing destination: ENOENT;</li>
 *   <li>a new destination must be a unicast (or local) address: EINVAL for multicast, broadcast,
 *       0.0.0.0/8, and IPv6 unspecified or link-local;</li>
 *   <li>new destinations are listed first (the kernel adds them at the head of the service's list);</li>
 *   <li>sync daemons ({@code ip_vs_sync.c}): one master and one backup; an interface name over 15 bytes
 *       or a group that is not multicast: EINVAL; an unknown interface: ENODEV (before EEXIST); a second
 *       daemon of a role: EEXIST; stopping one that does not run: ESRCH; defaults 224.0.0.81, port 8848,
 *       TTL 1, maximum length from the MTU (master 1500, backup the interface's, at least 1500, less 28
 *       or 48 bytes of headers), a given one clamped to 1 (backup 1024)..65535-headers; no daemon while a
 *       service has real servers of another family, and no such real server while a daemon runs:
 *       EINVAL.</li>
 * </ul>
 * Its network interfaces (for the sync daemons) are {@code lo} with MTU 65536 unless given.
 * Counters stay zero unless a test sets them with {@link #setCounters}.
 */
public final class InMemoryIpvsDriver implements IpvsDriver {
    private static final int VERSION = 0x010201;
    private static final int CONN_TAB_SIZE = 4096;

    private final Set<String> schedulers;
    private final Predicate<InetAddress> isLocal;
    private final Map<ServiceKey, Service> services = new LinkedHashMap<>();
    private final Map<String, Integer> interfaceMtus = new HashMap<>();
    private final Map<SyncState, SyncDaemon> daemons = new EnumMap<>(SyncState.class);
    private Timeouts timeouts = Timeouts.DEFAULT;
    private boolean closed;

    private static final class Service {
        VirtualService config;
        Stats stats = Stats.ZERO;
        /** Newest first, as the kernel's list. */
        final List<Dest> destinations = new ArrayList<>();

        Service(VirtualService config) {
            this.config = config;
        }
    }

    private static final class Dest {
        Destination config;
        Stats stats = Stats.ZERO;
        int active;
        int inactive;
        int persistent;

        Dest(Destination config) {
            this.config = config;
        }
    }

    /** A kernel with every stock scheduler, where only loopback addresses are local (may be real servers). */
    public InMemoryIpvsDriver() {
        this(Schedulers.LINUX, InetAddress::isLoopbackAddress);
    }

    /** A kernel with only these scheduler modules available, and this notion of "one of my addresses". */
    public InMemoryIpvsDriver(Set<String> schedulers, Predicate<InetAddress> isLocal) {
        this(schedulers, isLocal, Map.of("lo", 65536));
    }

    /** As above, with these network interfaces (name to MTU) for the sync daemons. */
    public InMemoryIpvsDriver(Set<String> schedulers, Predicate<InetAddress> isLocal, Map<String, Integer> interfaceMtus) {
        this.schedulers = Set.copyOf(schedulers);
        this.isLocal = isLocal;
        this.interfaceMtus.putAll(interfaceMtus);
    }

    /** Test hook: an interface appears (or changes MTU), as {@code ip link add} would make it. */
    public synchronized void addInterface(String name, int mtu) {
        interfaceMtus.put(name, mtu);
    }

    private void open() {
        if (closed) {
            throw new IllegalStateException("the IPVS driver is closed");
        }
    }

    @Override
    public synchronized IpvsInfo info() {
        open();
        return new IpvsInfo(VERSION, CONN_TAB_SIZE);
    }

    @Override
    public synchronized Timeouts timeouts() {
        open();
        return timeouts;
    }

    @Override
    public synchronized void setTimeouts(Timeouts t) {
        open();
        if (t.tcp() < 0 || t.tcpFin() < 0 || t.udp() < 0) {
            throw new IpvsException(IpvsOperation.SET_TIMEOUTS, Errno.EINVAL, t.toString());
        }
        timeouts = new Timeouts(t.tcp() != 0 ? t.tcp() : timeouts.tcp(), t.tcpFin() != 0 ? t.tcpFin() : timeouts.tcpFin(),
                t.udp() != 0 ? t.udp() : timeouts.udp());
    }

    @Override
    public synchronized List<ServiceEntry> services() {
        open();
        return services.values().stream().map(InMemoryIpvsDriver::entry).toList();
    }

    private static ServiceEntry entry(Service s) {
        return new ServiceEntry(s.config, s.stats, truncate(s.stats));
    }

    private static Stats truncate(Stats s) {
        return new Stats(s.connections() & 0xffffffffL, s.inPackets() & 0xffffffffL, s.outPackets() & 0xffffffffL,
                s.inBytes(), s.outBytes(), s.connectionRate() & 0xffffffffL, s.inPacketRate() & 0xffffffffL,
                s.outPacketRate() & 0xffffffffL, s.inByteRate() & 0xffffffffL, s.outByteRate() & 0xffffffffL);
    }

    @Override
    public synchronized Optional<ServiceEntry> service(ServiceKey key) {
        open();
        return Optional.ofNullable(services.get(key)).map(InMemoryIpvsDriver::entry);
    }

    private void checkServiceSettings(IpvsOperation op, VirtualService s) {
        if (!"none".equals(s.scheduler()) && !schedulers.contains(s.scheduler())) {
            throw new IpvsException(op, Errno.ENOENT, s.key() + " scheduler " + s.scheduler());
        }
        if (s.persistenceEngine() != null && !Schedulers.PERSISTENCE_ENGINES.contains(s.persistenceEngine())) {
            throw new IpvsException(op, Errno.ENOENT, s.key() + " persistence engine " + s.persistenceEngine());
        }
        if (s.key().family() == AddressFamily.INET6 && (s.netmask() < 1 || s.netmask() > 128)) {
            throw new IpvsException(op, Errno.EINVAL, s.key() + " netmask " + s.netmask());
        }
    }

    @Override
    public synchronized void addService(VirtualService s) {
        open();
        if (services.containsKey(s.key())) {
            throw new IpvsException(IpvsOperation.ADD_SERVICE, Errno.EEXIST, s.key().toString());
        }
        checkServiceSettings(IpvsOperation.ADD_SERVICE, s);
        services.put(s.key(), new Service(s));
    }

    private Service require(IpvsOperation op, ServiceKey key) {
        Service s = services.get(key);
        if (s == null) {
            throw new IpvsException(op, Errno.ESRCH, key.toString());
        }
        return s;
    }

    @Override
    public synchronized void editService(VirtualService s) {
        open();
        Service existing = require(IpvsOperation.EDIT_SERVICE, s.key());
        checkServiceSettings(IpvsOperation.EDIT_SERVICE, s);
        existing.config = s;
    }

    @Override
    public synchronized void deleteService(ServiceKey key) {
        open();
        require(IpvsOperation.DELETE_SERVICE, key);
        services.remove(key);
    }

    @Override
    public synchronized void flush() {
        open();
        services.clear();
    }

    @Override
    public synchronized List<DestinationEntry> destinations(ServiceKey key) {
        open();
        Service s = require(IpvsOperation.LIST_DESTINATIONS, key);
        return s.destinations.stream().map(d -> new DestinationEntry(d.config, d.active, d.inactive, d.persistent,
                d.stats, truncate(d.stats))).toList();
    }

    private Destination checkDestination(IpvsOperation op, ServiceKey key, Destination d) {
        String subject = d + " of " + key;
        if (d.family() != key.family() && !daemons.isEmpty()) {
            throw new IpvsException(op, Errno.EINVAL, subject + ": the sync protocol cannot carry mixed families");
        }
        if (d.family() != key.family() && d.forwarding() != ForwardingMethod.TUNNEL) {
            throw new IpvsException(op, Errno.EINVAL, subject);
        }
        if (d.weight() < 0) {
            throw new IpvsException(op, Errno.ERANGE, subject + " weight " + d.weight());
        }
        if (Integer.compareUnsigned(d.lowerThreshold(), d.upperThreshold()) > 0) {
            throw new IpvsException(op, Errno.ERANGE, subject + " thresholds " + d.lowerThreshold() + ">" + d.upperThreshold());
        }
        Tunnel t = d.tunnel();
        if (d.forwarding() == ForwardingMethod.TUNNEL) {
            if (t.type() == TunnelType.GUE && t.port() == 0) {
                throw new IpvsException(op, Errno.EINVAL, subject + " GUE tunnel without a port");
            }
            if ((t.flags() & Tunnel.REMCSUM) != 0 && t.type() != TunnelType.GUE) {
                throw new IpvsException(op, Errno.EINVAL, subject + " remcsum needs GUE");
            }
        }
        Destination n = d.normalizedFor(key);
        if (n.forwarding() != ForwardingMethod.TUNNEL) {
            n = n.withTunnel(Tunnel.IPIP);
        }
        return n;
    }

    /**
     * The kernel takes a new real server only on a unicast or local address: not multicast, broadcast
     * or 0.0.0.0/8, and for IPv6 not multicast, unspecified or link-local (unless it is our own).
     */
    private boolean unicastOrLocal(InetAddress a) {
        if (isLocal.test(a)) {
            return true;
        }
        byte[] b = a.getAddress();
        if (b.length == 4) {
            return !a.isMulticastAddress() && (b[0] & 0xff) != 0 && !a.getHostAddress().equals("255.255.255.255");
        }
        return !a.isMulticastAddress() && !a.isAnyLocalAddress() && !a.isLinkLocalAddress();
    }

    private static Dest find(Service s, InetAddress address, int port) {
        for (Dest d : s.destinations) {
            if (d.config.address().equals(address) && d.config.port() == port) {
                return d;
            }
        }
        return null;
    }

    @Override
    public synchronized void addDestination(ServiceKey key, Destination d) {
        open();
        Service s = require(IpvsOperation.ADD_DESTINATION, key);
        Destination n = checkDestination(IpvsOperation.ADD_DESTINATION, key, d);
        if (find(s, n.address(), n.port()) != null) {
            throw new IpvsException(IpvsOperation.ADD_DESTINATION, Errno.EEXIST, n + " of " + key);
        }
        if (!unicastOrLocal(n.address())) {
            throw new IpvsException(IpvsOperation.ADD_DESTINATION, Errno.EINVAL, n + " of " + key + ": not a unicast address");
        }
        s.destinations.addFirst(new Dest(n));
    }

    @Override
    public synchronized void editDestination(ServiceKey key, Destination d) {
        open();
        Service s = require(IpvsOperation.EDIT_DESTINATION, key);
        Destination n = checkDestination(IpvsOperation.EDIT_DESTINATION, key, d);
        Dest existing = find(s, n.address(), n.port());
        if (existing == null) {
            throw new IpvsException(IpvsOperation.EDIT_DESTINATION, Errno.ENOENT, n + " of " + key);
        }
        existing.config = n;
    }

    @Override
    public synchronized void deleteDestination(ServiceKey key, InetAddress address, int port) {
        open();
        Service s = require(IpvsOperation.DELETE_DESTINATION, key);
        Dest existing = find(s, address, port);
        if (existing == null) {
            throw new IpvsException(IpvsOperation.DELETE_DESTINATION, Errno.ENOENT,
                    Addresses.withPort(address, port) + " of " + key);
        }
        s.destinations.remove(existing);
    }

    @Override
    public synchronized void zero() {
        open();
        for (Service s : services.values()) {
            zero(s);
        }
    }

    private static void zero(Service s) {
        s.stats = Stats.ZERO;
        s.destinations.forEach(d -> d.stats = Stats.ZERO);
    }

    @Override
    public synchronized void zero(ServiceKey key) {
        open();
        zero(require(IpvsOperation.ZERO, key));
    }

    private static final int IPV4_UDP_HEADERS = 20 + 8;
    private static final int IPV6_UDP_HEADERS = 40 + 8;

    @Override
    public synchronized void startDaemon(SyncDaemon d) {
        open();
        IpvsOperation op = IpvsOperation.START_DAEMON;
        if (d.multicastInterface().getBytes(java.nio.charset.StandardCharsets.UTF_8).length > SyncDaemon.MAX_INTERFACE_NAME) {
            throw new IpvsException(op, Errno.EINVAL, d + ": interface name over " + SyncDaemon.MAX_INTERFACE_NAME + " bytes");
        }
        if (d.group() != null && !d.group().isMulticastAddress()) {
            throw new IpvsException(op, Errno.EINVAL, d + ": the group is not multicast");
        }
        boolean mixed = services.values().stream()
                .anyMatch(s -> s.destinations.stream().anyMatch(x -> x.config.family() != s.config.key().family()));
        if (mixed) {
            throw new IpvsException(op, Errno.EINVAL, d + ": a service has real servers of another address family");
        }
        Integer mtu = interfaceMtus.get(d.multicastInterface());
        if (mtu == null) {
            throw new IpvsException(op, Errno.ENODEV, d.toString());
        }
        InetAddress group = d.group() != null ? d.group() : SyncDaemon.DEFAULT_GROUP;
        int headers = group instanceof Inet6Address ? IPV6_UDP_HEADERS : IPV4_UDP_HEADERS;
        boolean backup = d.state() == SyncState.BACKUP;
        int maxLength = d.maxLength() != 0
                ? Math.clamp(d.maxLength(), backup ? 1024 : 1, 65535 - headers)
                : (backup ? Math.clamp(mtu, 1500, 65535) : 1500) - headers;
        if (daemons.containsKey(d.state())) {
            throw new IpvsException(op, Errno.EEXIST, d.toString());
        }
        daemons.put(d.state(), new SyncDaemon(d.state(), d.multicastInterface(), d.syncId(), maxLength, group,
                d.port() != 0 ? d.port() : SyncDaemon.DEFAULT_PORT, d.ttl() != 0 ? d.ttl() : SyncDaemon.DEFAULT_TTL));
    }

    @Override
    public synchronized void stopDaemon(SyncState state) {
        open();
        if (daemons.remove(state) == null) {
            throw new IpvsException(IpvsOperation.STOP_DAEMON, Errno.ESRCH, state.label());
        }
    }

    @Override
    public synchronized List<SyncDaemon> daemons() {
        open();
        return List.copyOf(daemons.values()); // EnumMap: master first
    }

    /** Test hook: sets the counters of a service, or of one of its destinations when address is not null. */
    public synchronized void setCounters(ServiceKey key, InetAddress address, int port, Stats stats) {
        Service s = require(IpvsOperation.GET_SERVICE, key);
        if (address == null) {
            s.stats = stats;
        } else {
            Dest d = find(s, address, port);
            if (d == null) {
                throw new IpvsException(IpvsOperation.EDIT_DESTINATION, Errno.ENOENT, address + ":" + port);
            }
            d.stats = stats;
        }
    }

    @Override
    public synchronized void close() {
        closed = true;
    }
}
