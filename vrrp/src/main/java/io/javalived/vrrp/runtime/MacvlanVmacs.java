package io.javalived.vrrp.runtime;

import io.javalived.net.rtnl.InterfaceAddress;
import io.javalived.net.rtnl.Link;
import io.javalived.net.rtnl.LinkControl;
import io.javalived.net.rtnl.RouteNetlink;
import io.javalived.net.sysctl.Sysctl;
import io.javalived.vrrp.packet.IpFamily;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * VMACs as keepalived 2.2.7 makes them: a private-mode macvlan on the base interface with the virtual MAC; for
 * IPv4 the VMAC gets arp_ignore 1, accept_local 1, rp_filter 0 (with {@link RpFilter}) and promote_secondaries 1,
 * and its base arp_ignore 1 and arp_filter 1 (put back when its last VMAC goes), IPv6 disabled; for IPv6 no
 * address generated from the MAC and the adverts' link-local source added. Then it is brought up.
 */
final class MacvlanVmacs implements VmacLinks, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(MacvlanVmacs.class);

    /** A base interface's arp settings before its first IPv4 VMAC. */
    private record BaseArp(Link base, int arpIgnore, int arpFilter) {}

    private final RouteNetlink rtnl;
    private final LinkControl links;
    private final Sysctl sysctl;
    private final RpFilter rpFilter;
    /** Told the name of a link made, changed or removed (the platform forgets what it cached about it). */
    private final Consumer<String> changed;
    private final Map<String, Vmac> ours = new LinkedHashMap<>();
    private final Map<String, BaseArp> bases = new HashMap<>();

    MacvlanVmacs(RouteNetlink rtnl, Sysctl sysctl, Consumer<String> changed) {
        this.rtnl = rtnl;
        this.links = LinkControl.open();
        this.sysctl = sysctl;
        this.rpFilter = new RpFilter(sysctl, links, rtnl::links);
        this.changed = changed;
    }

    @Override
    public synchronized void create(Vmac v) {
        try {
            make(v);
        } catch (NetworkActionException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new NetworkActionException("cannot create VMAC interface " + v.name() + " on " + v.base() + ": " + e.getMessage());
        }
    }

    private void make(Vmac v) {
        Link base = rtnl.link(v.base()).orElseThrow(() -> new NetworkActionException(
                "cannot create VMAC interface " + v.name() + ": interface " + v.base() + " does not exist"));
        byte[] mac = v.macBytes();
        Optional<LinkControl.Details> existing = links.details(v.name());
        boolean create = true;
        if (existing.isPresent()) {
            LinkControl.Details d = existing.get();
            if (d.kind().filter("macvlan"::equals).isEmpty()) {
                throw new NetworkActionException("VMAC " + v.name() + " conflicts with existing interface " + v.name());
            }
            if (d.lowerIndex() != base.index() && !ours.containsKey(v.name())) {
                log.info("Removing old VMAC interface {} due to conflicting interface", v.name());
                links.deleteLink(d.link().index(), v.name());
            } else if (!Arrays.equals(d.link().hardwareAddress(), mac) || d.macvlanMode() != LinkControl.MACVLAN_MODE_PRIVATE) {
                log.info("Update old VMAC interface {} due to wrong MAC/mode", v.name());
                links.changeMacvlan(d.link().index(), v.name(), mac, LinkControl.MACVLAN_MODE_PRIVATE);
                create = false;
            } else {
                create = false;
            }
        }
        if (create) links.addMacvlan(v.name(), base.index(), mac, LinkControl.MACVLAN_MODE_PRIVATE);
        changed.accept(v.name());
        Link vmac = rtnl.link(v.name()).orElseThrow(() -> new NetworkActionException("VMAC interface " + v.name() + " vanished"));
        ours.put(v.name(), v);
        if (v.family() == IpFamily.IPV4) {
            quietLocalIgmp();
            rpFilter.clear();
            links.setIpv4Conf(vmac.index(), v.name(), Map.of(LinkControl.IPV4_DEVCONF_ARP_IGNORE, 1,
                    LinkControl.IPV4_DEVCONF_ACCEPT_LOCAL, 1, LinkControl.IPV4_DEVCONF_RP_FILTER, 0,
                    LinkControl.IPV4_DEVCONF_PROMOTE_SECONDARIES, 1));
            useBase(base, v);
        }
        setIpv6(v);
        try {
            links.setIpv6AddrGenModeNone(vmac.index(), v.name());
        } catch (RuntimeException e) {
            log.info("Error setting ADDR_GEN_MODE to NONE on {}: {}", v.name(), e.getMessage());
        }
        links.setUp(vmac.index(), v.name());
        if (v.linkLocal().isPresent()) {
            var a = new InterfaceAddress(vmac.index(), v.linkLocal().get(), 64, 0, Optional.empty(), Optional.empty(),
                    Optional.empty(), 0);
            rtnl.addAddress(a, v.linkLocal().get().getHostAddress() + "/64 dev " + v.name());
        }
        log.info("VMAC interface {} ({}) on {} is up", v.name(), v.mac(), v.base());
    }

    private static final String LOCAL_IGMP = "net/ipv4/igmp_link_local_mcast_reports";
    /** igmp_link_local_mcast_reports before it was cleared; -1 while not cleared. */
    private int savedLocalIgmp = -1;

    /**
     * The socket joins 224.0.0.18 on the VMAC, and the kernel would send its IGMP reports from the virtual MAC: a
     * switch would then learn that MAC on a BACKUP's port. keepalived moves those reports to the base interface with
     * nftables; javalived stops reports for link-local groups (224.0.0.0/24, which switches flood anyway, RFC 4541)
     * while it has an IPv4 VMAC, as keepalived's disable_local_igmp does.
     */
    private void quietLocalIgmp() {
        if (savedLocalIgmp >= 0) return;
        int now = sysctl.read(LOCAL_IGMP).orElse(0);
        if (now == 0) return;
        try {
            sysctl.write(LOCAL_IGMP, 0);
            savedLocalIgmp = now;
            log.info("NOTICE: setting sysctl net.ipv4.igmp_link_local_mcast_reports from {} to 0: no IGMP report leaves "
                    + "from a virtual MAC", now);
        } catch (RuntimeException e) {
            log.warn("{}; IGMP reports for 224.0.0.18 may leave from the virtual MAC", e.getMessage());
        }
    }

    private void restoreLocalIgmp() {
        if (savedLocalIgmp < 0) return;
        if (sysctl.read(LOCAL_IGMP).orElse(-1) == 0) {
            log.info("NOTICE: resetting sysctl net.ipv4.igmp_link_local_mcast_reports to {}", savedLocalIgmp);
            sysctl.write(LOCAL_IGMP, savedLocalIgmp);
        }
        savedLocalIgmp = -1;
    }

    /** keepalived leaves IPv6 off on an IPv4 VMAC (nothing of IPv6 to do there) and on for an IPv6 one. */
    private void setIpv6(Vmac v) {
        String key = "net/ipv6/conf/" + v.name() + "/disable_ipv6";
        if (sysctl.read(key).isEmpty()) return; // the kernel has no IPv6
        try {
            sysctl.write(key, v.family() == IpFamily.IPV4 ? 1 : 0);
        } catch (RuntimeException e) {
            log.info("{}", e.getMessage());
        }
    }

    /**
     * The base of an IPv4 VMAC must answer ARP only for its own addresses: arp_ignore 1, arp_filter 1 (what it had
     * is put back when its last IPv4 VMAC goes).
     */
    private void useBase(Link base, Vmac v) {
        if (bases.containsKey(v.base())) return;
        int[] conf = links.ipv4Conf(v.base()).orElse(new int[0]);
        int ignore = conf.length > LinkControl.IPV4_DEVCONF_ARP_IGNORE ? conf[LinkControl.IPV4_DEVCONF_ARP_IGNORE] : 0;
        int filter = conf.length > LinkControl.IPV4_DEVCONF_ARPFILTER ? conf[LinkControl.IPV4_DEVCONF_ARPFILTER] : 0;
        if (ignore != 1 || filter != 1) {
            links.setIpv4Conf(base.index(), base.name(), Map.of(LinkControl.IPV4_DEVCONF_ARP_IGNORE, 1,
                    LinkControl.IPV4_DEVCONF_ARPFILTER, 1));
        }
        bases.put(v.base(), new BaseArp(base, ignore, filter));
    }

    private void releaseBase(Vmac v) {
        if (ours.values().stream().anyMatch(o -> o.base().equals(v.base()) && o.family() == IpFamily.IPV4)) return;
        BaseArp b = bases.remove(v.base());
        if (b == null) return;
        if (b.arpIgnore() == 1 && b.arpFilter() == 1) return;
        try {
            links.setIpv4Conf(b.base().index(), b.base().name(), Map.of(LinkControl.IPV4_DEVCONF_ARP_IGNORE, b.arpIgnore(),
                    LinkControl.IPV4_DEVCONF_ARPFILTER, b.arpFilter()));
        } catch (RuntimeException e) {
            log.info("reset interface flags on {} failed: {}", v.base(), e.getMessage());
        }
    }

    @Override
    public synchronized void remove(Vmac v) {
        if (ours.remove(v.name()) == null) return;
        if (v.family() == IpFamily.IPV4) releaseBase(v);
        try {
            Optional<Link> l = rtnl.link(v.name());
            if (l.isPresent() && links.deleteLink(l.get().index(), v.name())) log.info("VMAC interface {} removed", v.name());
        } catch (RuntimeException e) {
            log.error("Error removing VMAC interface {}: {}", v.name(), e.getMessage());
        }
        changed.accept(v.name());
        if (ours.values().stream().noneMatch(o -> o.family() == IpFamily.IPV4)) {
            rpFilter.restore();
            restoreLocalIgmp();
        }
    }

    @Override
    public synchronized void close() {
        links.close();
    }
}
