package io.javalived.lab;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * A lab network on paper: LANs (each a bridge inside the lab's own switch namespace "sw") and hosts (each a
 * network namespace) whose interfaces are veth links plugged into those LANs. No host gets a route out of
 * the lab; a host only gets the gateways the topology names, and those point at other lab hosts.
 * {@link Netns#create(Topology)} builds it for real.
 *
 * @param lans  bridge names, in order
 * @param hosts the hosts, in order
 */
public record Topology(List<String> lans, List<Host> hosts) {

    /** The seed's virtual IP (10.0.0.3), served by lb01/lb02 in {@link #seed()}. */
    public static final String SEED_VIP = "10.0.0.3";
    /** The seed's LAN, 10.0.0.0/24, and its IPv6 twin fd00::/64 (host .N is fd00::N). */
    public static final String SEED_LAN = "lan";

    /** The NAT lab's virtual IP (seed 003, section 5.1): on the director's front interface. */
    public static final String NAT_VIP = "172.20.10.8";
    /** The NAT lab's director address on the real servers' side (DIP), the real servers' gateway. */
    public static final String NAT_DIP = "192.168.56.11";
    /** In the NAT pair, the real servers' gateway is this floating address on the back LAN (a VRRP VIP). */
    public static final String NAT_PAIR_GATEWAY = "192.168.56.10";

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.-]{0,14}");

    public Topology {
        lans = List.copyOf(lans);
        hosts = List.copyOf(hosts);
        Set<String> names = new LinkedHashSet<>();
        for (String lan : lans) {
            requireName("LAN", lan);
            if (!names.add("lan:" + lan)) {
                throw new IllegalArgumentException("LAN " + lan + " is declared twice");
            }
        }
        for (Host h : hosts) {
            if (h.name().equals("sw")) {
                throw new IllegalArgumentException("host name sw is taken by the lab's switch namespace");
            }
            if (!names.add("host:" + h.name())) {
                throw new IllegalArgumentException("host " + h.name() + " is declared twice");
            }
            for (Nic nic : h.nics()) {
                if (!lans.contains(nic.lan())) {
                    throw new IllegalArgumentException("host " + h.name() + " interface " + nic.name()
                            + " is plugged into LAN " + nic.lan() + ", which the topology does not declare");
                }
            }
        }
    }

    /** One host: a network namespace with its interfaces, default gateways and sysctls. */
    public record Host(String name, List<Nic> nics, List<String> gateways, Map<String, String> sysctls) {
        public Host {
            requireName("host", name);
            nics = List.copyOf(nics);
            gateways = List.copyOf(gateways);
            sysctls = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(sysctls));
            Set<String> seen = new LinkedHashSet<>();
            for (Nic n : nics) {
                if (!seen.add(n.name())) {
                    throw new IllegalArgumentException("host " + name + " has two interfaces named " + n.name());
                }
            }
        }

        /** The first IPv4 address of the first interface, without its prefix length, or null. */
        public String ipv4() {
            return nics.stream().flatMap(n -> n.addresses().stream()).filter(a -> !a.contains(":"))
                    .map(Topology::withoutPrefix).findFirst().orElse(null);
        }

        /** The first IPv6 address of the first interface, without its prefix length, or null. */
        public String ipv6() {
            return nics.stream().flatMap(n -> n.addresses().stream()).filter(a -> a.contains(":"))
                    .map(Topology::withoutPrefix).findFirst().orElse(null);
        }
    }

    /**
     * One interface of a host: a veth whose other end is a port of the bridge {@code lan}.
     *
     * @param name      the interface's name inside the host's namespace (e.g. eth0)
     * @param lan       the LAN (bridge) it is plugged into
     * @param addresses addresses with prefix length, e.g. 10.0.0.5/24, fd00::5/64
     */
    public record Nic(String name, String lan, List<String> addresses) {
        public Nic {
            requireName("interface", name);
            addresses = List.copyOf(addresses);
            for (String a : addresses) {
                if (!a.matches("[0-9A-Fa-f:.]+/\\d{1,3}")) {
                    throw new IllegalArgumentException("interface " + name + ": address " + a
                            + " needs a prefix length, e.g. 10.0.0.5/24");
                }
            }
        }
    }

    static String withoutPrefix(String cidr) {
        int slash = cidr.indexOf('/');
        return slash < 0 ? cidr : cidr.substring(0, slash);
    }

    private static void requireName(String what, String name) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException(what + " name '" + name
                    + "' must be 1-15 characters of letters, digits, '_', '.', '-'");
        }
    }

    public Host host(String name) {
        return hosts.stream().filter(h -> h.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no host " + name + " in this topology"));
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * The seed topology: lb01 10.0.0.5, lb02 10.0.0.6, web01 10.0.0.7, web02 10.0.0.8 and a client 10.0.0.100,
     * all /24 (and fd00::N/64) on one bridge, each host's interface named eth0 so the seed configs'
     * {@code interface eth0} works verbatim. The VIP {@link #SEED_VIP} is left to VRRP (or the test).
     */
    public static Topology seed() {
        var b = builder().lan(SEED_LAN);
        for (var e : Map.of("lb01", 5, "lb02", 6, "web01", 7, "web02", 8, "client", 100).entrySet().stream()
                .sorted(Map.Entry.comparingByValue()).toList()) {
            int n = e.getValue();
            b.host(e.getKey(), h -> h.nic("eth0", SEED_LAN, "10.0.0." + n + "/24", "fd00::" + n + "/64"));
        }
        return b.build();
    }

    /**
     * The seed's NAT lab (seed 003, section 5.1) with one director: a client LAN "front" 172.20.10.0/24 and a
     * real-server LAN "back" 192.168.56.0/24. lb01 has eth0 172.20.10.11 on front (add the VIP
     * {@link #NAT_VIP} there yourself, or let VRRP do it) and eth1 192.168.56.11 ({@link #NAT_DIP}) on back,
     * forwards IPv4 and sends no redirects; web01 192.168.56.12 and web02 192.168.56.13 have lb01's DIP as
     * their default gateway; the client is 172.20.10.2.
     */
    public static Topology natLab() {
        return nat(false);
    }

    /**
     * The NAT lab with a director pair: as {@link #natLab()}, plus lb02 (172.20.10.12 front, 192.168.56.14
     * back); the real servers' gateway is {@link #NAT_PAIR_GATEWAY}, a floating address the pair's VRRP
     * instance on the back LAN must carry.
     */
    public static Topology natLabPair() {
        return nat(true);
    }

    private static Topology nat(boolean pair) {
        var director = Map.of("net.ipv4.ip_forward", "1", "net.ipv4.conf.all.send_redirects", "0",
                "net.ipv4.conf.default.send_redirects", "0");
        var b = builder().lan("front").lan("back");
        b.host("lb01", h -> h.nic("eth0", "front", "172.20.10.11/24").nic("eth1", "back", NAT_DIP + "/24")
                .sysctls(director));
        if (pair) {
            b.host("lb02", h -> h.nic("eth0", "front", "172.20.10.12/24").nic("eth1", "back", "192.168.56.14/24")
                    .sysctls(director));
        }
        String gw = pair ? NAT_PAIR_GATEWAY : NAT_DIP;
        b.host("web01", h -> h.nic("eth0", "back", "192.168.56.12/24").gateway(gw));
        b.host("web02", h -> h.nic("eth0", "back", "192.168.56.13/24").gateway(gw));
        b.host("client", h -> h.nic("eth0", "front", "172.20.10.2/24"));
        return b.build();
    }

    /** Builds a {@link Topology}. */
    public static final class Builder {
        private final List<String> lans = new ArrayList<>();
        private final List<Host> hosts = new ArrayList<>();

        /** Declares a LAN: a bridge in the switch namespace. */
        public Builder lan(String name) {
            lans.add(name);
            return this;
        }

        /** Declares a host and its interfaces. */
        public Builder host(String name, Consumer<HostBuilder> spec) {
            var hb = new HostBuilder();
            spec.accept(hb);
            hosts.add(new Host(name, hb.nics, hb.gateways, hb.sysctls));
            return this;
        }

        public Topology build() {
            return new Topology(lans, hosts);
        }
    }

    /** Describes one host for {@link Builder#host}. */
    public static final class HostBuilder {
        private final List<Nic> nics = new ArrayList<>();
        private final List<String> gateways = new ArrayList<>();
        private final Map<String, String> sysctls = new LinkedHashMap<>();

        /** An interface named {@code name} inside the host, plugged into {@code lan}, with these addresses. */
        public HostBuilder nic(String name, String lan, String... addresses) {
            nics.add(new Nic(name, lan, List.of(addresses)));
            return this;
        }

        /** A default route via this lab address (IPv4 or IPv6). */
        public HostBuilder gateway(String address) {
            gateways.add(address);
            return this;
        }

        /** A sysctl set in the host's namespace, e.g. net.ipv4.ip_forward=1. */
        public HostBuilder sysctl(String key, String value) {
            sysctls.put(key, value);
            return this;
        }

        public HostBuilder sysctls(Map<String, String> values) {
            sysctls.putAll(new java.util.TreeMap<>(values));
            return this;
        }
    }
}
