package io.javalived.net.rtnl;

import io.javalived.net.ffm.SocketConstants;
import io.javalived.net.netlink.NetlinkMessage;
import io.javalived.net.netlink.NetlinkSocket;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows link state: subscribes to the RTMGRP_LINK notifications first, then dumps the links, and keeps the
 * latest {@link Link} of every interface. A daemon thread reads the notifications and calls the listeners
 * with each new or changed link (a deleted link comes with flags 0). A rename ({@code ip link set eth0 name eth9},
 * the same index under a new name) drops the old name and is told to the rename listeners first.
 */
public final class LinkMonitor implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(LinkMonitor.class);
    private final Map<String, Link> byName = new ConcurrentHashMap<>();
    private final Map<Integer, Link> byIndex = new ConcurrentHashMap<>();
    private final List<Consumer<Link>> listeners = new CopyOnWriteArrayList<>();
    private final List<java.util.function.BiConsumer<String, String>> renameListeners = new CopyOnWriteArrayList<>();
    private final NotificationReader reader;

    private LinkMonitor(NetlinkSocket events) {
        this.reader = new NotificationReader("link monitor", events, this::handle);
    }

    public static LinkMonitor start() {
        LinkMonitor m = new LinkMonitor(NetlinkSocket.open(SocketConstants.NETLINK_ROUTE, Rtnl.RTMGRP_LINK));
        try (RouteNetlink rt = RouteNetlink.open()) {
            for (Link l : rt.links()) {
                m.byName.put(l.name(), l);
                m.byIndex.put(l.index(), l);
            }
        } catch (RuntimeException e) {
            m.close();
            throw e;
        }
        m.reader.start();
        return m;
    }

    public java.util.Optional<Link> link(String name) {
        return java.util.Optional.ofNullable(byName.get(name));
    }

    /** The interface with this index as it is now (its current name), if it exists. */
    public java.util.Optional<Link> link(int index) {
        return java.util.Optional.ofNullable(byIndex.get(index));
    }

    /** Hears (old name, new name) of each rename, before the link's change under its new name. */
    public void onRename(java.util.function.BiConsumer<String, String> listener) {
        renameListeners.add(listener);
    }

    public boolean isUp(String name) {
        Link l = byName.get(name);
        return l != null && l.up();
    }

    public void onChange(Consumer<Link> listener) {
        listeners.add(listener);
    }

    private void handle(NetlinkMessage m) {
        if (m.type() != Rtnl.RTM_NEWLINK && m.type() != Rtnl.RTM_DELLINK) return;
        Link l;
        try {
            l = Link.decode(m.payload());
        } catch (RuntimeException e) {
            log.warn("link monitor: undecodable link message: {}", e.getMessage());
            return;
        }
        log.debug("link message type {} flags 0x{}: {}", m.type(), Integer.toHexString(l.flags()), l);
        if (m.type() == Rtnl.RTM_DELLINK) {
            byName.remove(l.name());
            byIndex.remove(l.index());
            l = new Link(l.index(), l.name(), l.type(), 0, l.mtu(), l.hardwareAddress());
        } else {
            Link old = byIndex.put(l.index(), l);
            if (old != null && !old.name().equals(l.name())) {
                byName.remove(old.name(), old);
                for (var r : renameListeners) {
                    try {
                        r.accept(old.name(), l.name());
                    } catch (RuntimeException e) {
                        log.warn("link rename listener failed: {}", e.toString());
                    }
                }
            }
            Link before = byName.put(l.name(), l);
            if (before != null && before.flags() == l.flags()) return;
        }
        for (Consumer<Link> c : listeners) {
            try {
                c.accept(l);
            } catch (RuntimeException e) {
                log.warn("link listener failed: {}", e.toString());
            }
        }
    }

    @Override
    public void close() {
        reader.close();
    }
}
