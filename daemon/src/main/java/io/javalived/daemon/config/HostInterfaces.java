package io.javalived.daemon.config;

import io.javalived.net.rtnl.Link;
import io.javalived.net.rtnl.RouteNetlink;
import java.util.Set;
import java.util.stream.Collectors;

/** The network interfaces this host has (in this process's network namespace), by name. */
@FunctionalInterface
public interface HostInterfaces {

    Set<String> names();

    /** rtnetlink's link dump (linux-net), read once. */
    static HostInterfaces netlink() {
        return () -> {
            try (RouteNetlink rtnl = RouteNetlink.open()) {
                return rtnl.links().stream().map(Link::name).collect(Collectors.toUnmodifiableSet());
            }
        };
    }

    /** A fixed set (tests). */
    static HostInterfaces of(Set<String> names) {
        Set<String> copy = Set.copyOf(names);
        return () -> copy;
    }
}
