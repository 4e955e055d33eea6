package io.javalived.net.rtnl;

import io.javalived.net.ffm.Errno;
import io.javalived.net.ffm.SocketConstants;
import io.javalived.net.netlink.Netlink;
import io.javalived.net.netlink.NetlinkException;
import io.javalived.net.netlink.NetlinkMessage;
import io.javalived.net.netlink.NetlinkSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * rtnetlink requests: link lookup by name or index, address dumps, address add and delete, routes and policy
 * routing rules (dump, add, delete). Errors are
 * {@link NetlinkException}s naming the request ("add 10.0.0.3/24 dev eth0: EEXIST (File exists)").
 * Thread-safe (the underlying socket serialises requests).
 */
public final class RouteNetlink implements AutoCloseable {
    private final NetlinkSocket socket;

    private RouteNetlink(NetlinkSocket socket) {
        this.socket = socket;
    }

    public static RouteNetlink open() {
        return new RouteNetlink(NetlinkSocket.open(SocketConstants.NETLINK_ROUTE));
    }

    public List<Link> links() {
        List<Link> out = new ArrayList<>();
        for (NetlinkMessage m : socket.dump(Rtnl.RTM_GETLINK, 0, Link.request(Optional.empty()), "dump links")) {
            if (m.type() == Rtnl.RTM_NEWLINK) out.add(Link.decode(m.payload()));
        }
        return out;
    }

    /** The link with this name, or empty when there is none. */
    public Optional<Link> link(String name) {
        try {
            for (NetlinkMessage m : socket.request(Rtnl.RTM_GETLINK, 0, Link.request(Optional.of(name)), "get link " + name)) {
                if (m.type() == Rtnl.RTM_NEWLINK) return Optional.of(Link.decode(m.payload()));
            }
            return Optional.empty();
        } catch (NetlinkException e) {
            if (e.is(Errno.ENODEV) || e.is(Errno.ENOENT)) return Optional.empty();
            throw e;
        }
    }

    /** The link with this name; an {@link IllegalArgumentException} naming it when absent. */
    public Link requireLink(String name) {
        return link(name).orElseThrow(() -> new IllegalArgumentException("interface " + name + " does not exist"));
    }

    /** Every address of one family (2 = IPv4, 10 = IPv6, 0 = both). */
    public List<InterfaceAddress> addresses(int family) {
        byte[] req = new byte[Rtnl.IFADDRMSG_SIZE];
        req[0] = (byte) family;
        List<InterfaceAddress> out = new ArrayList<>();
        for (NetlinkMessage m : socket.dump(Rtnl.RTM_GETADDR, 0, req, "dump addresses")) {
            if (m.type() == Rtnl.RTM_NEWADDR) out.add(InterfaceAddress.decode(m.payload()));
        }
        return out;
    }

    /** Addresses of one interface, primary first as the kernel lists them. */
    public List<InterfaceAddress> addresses(int family, int index) {
        return addresses(family).stream().filter(a -> a.index() == index).toList();
    }

    /**
     * Adds an address (NLM_F_CREATE | NLM_F_EXCL).
     *
     * @return false when it was already there (EEXIST), true when added
     */
    public boolean addAddress(InterfaceAddress a, String description) {
        try {
            socket.request(Rtnl.RTM_NEWADDR, Netlink.NLM_F_CREATE | Netlink.NLM_F_EXCL, a.encode(), "add " + description);
            return true;
        } catch (NetlinkException e) {
            if (e.is(Errno.EEXIST)) return false;
            throw e;
        }
    }

    /**
     * Deletes an address.
     *
     * @return false when it was not there (EADDRNOTAVAIL / ENOENT), true when deleted
     */
    public boolean deleteAddress(InterfaceAddress a, String description) {
        try {
            socket.request(Rtnl.RTM_DELADDR, 0, a.encode(), "delete " + description);
            return true;
        } catch (NetlinkException e) {
            if (e.is(Errno.EADDRNOTAVAIL) || e.is(Errno.ENOENT) || e.is(Errno.ENODEV)) return false;
            throw e;
        }
    }

    /** Every route of one family (2 = IPv4, 10 = IPv6) in every table. */
    public List<Route> routes(int family) {
        byte[] req = new byte[Route.RTMSG_SIZE];
        req[0] = (byte) family;
        List<Route> out = new ArrayList<>();
        for (NetlinkMessage m : socket.dump(Rtnl.RTM_GETROUTE, 0, req, "dump routes")) {
            if (m.type() == Rtnl.RTM_NEWROUTE) out.add(Route.decode(m.payload()));
        }
        return out;
    }

    /**
     * Adds a route (NLM_F_CREATE | NLM_F_EXCL).
     *
     * @return false when the same route was already there (EEXIST), true when added
     */
    public boolean addRoute(Route r) {
        return change(Rtnl.RTM_NEWROUTE, Netlink.NLM_F_CREATE | Netlink.NLM_F_EXCL, r.encode(), "add route " + r,
                Errno.EEXIST);
    }

    /** Deletes a route; false when it was not there (ESRCH / ENOENT). */
    public boolean deleteRoute(Route r) {
        return change(Rtnl.RTM_DELROUTE, 0, r.encode(), "delete route " + r, Errno.ESRCH, Errno.ENOENT);
    }

    /** Every policy routing rule of one family (2 = IPv4, 10 = IPv6). */
    public List<Rule> rules(int family) {
        byte[] req = new byte[Rule.FIB_RULE_HDR_SIZE];
        req[0] = (byte) family;
        List<Rule> out = new ArrayList<>();
        for (NetlinkMessage m : socket.dump(Rtnl.RTM_GETRULE, 0, req, "dump rules")) {
            if (m.type() == Rtnl.RTM_NEWRULE) out.add(Rule.decode(m.payload()));
        }
        return out;
    }

    /** Adds a rule (NLM_F_CREATE | NLM_F_EXCL: never a second copy); false when it was already there (EEXIST). */
    public boolean addRule(Rule r) {
        return change(Rtnl.RTM_NEWRULE, Netlink.NLM_F_CREATE | Netlink.NLM_F_EXCL, r.encode(), "add rule " + r,
                Errno.EEXIST);
    }

    /** Deletes a rule; false when it was not there (ENOENT). */
    public boolean deleteRule(Rule r) {
        return change(Rtnl.RTM_DELRULE, 0, r.encode(), "delete rule " + r, Errno.ENOENT, Errno.ESRCH);
    }

    private boolean change(int type, int flags, byte[] payload, String description, Errno... meaningNoChange) {
        try {
            socket.request(type, flags, payload, description);
            return true;
        } catch (NetlinkException e) {
            for (Errno n : meaningNoChange) {
                if (e.is(n)) return false;
            }
            throw e;
        }
    }

    @Override
    public void close() {
        socket.close();
    }
}
