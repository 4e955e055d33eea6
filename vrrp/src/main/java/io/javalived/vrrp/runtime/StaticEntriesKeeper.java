package io.javalived.vrrp.runtime;

import io.javalived.parser.model.IpRoute;
import io.javalived.parser.model.IpRule;
import io.javalived.parser.model.StaticEntries;
import io.javalived.vrrp.config.VrrpConfigMapper;
import io.javalived.vrrp.state.Vip;
import java.util.List;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code static_ipaddress}, {@code static_routes} and {@code static_rules}, as keepalived 2.2.7's VRRP process
 * keeps them: added when VRRP starts (addresses, then routes, then rules), whatever the instances' states; at a
 * reload the entries gone are removed and the new ones added (the others are not touched); at stop all are removed
 * (rules, routes, addresses). An entry that fails is logged with its place and the others still go in.
 */
public final class StaticEntriesKeeper {
    private static final Logger log = LoggerFactory.getLogger(StaticEntriesKeeper.class);
    private final Platform platform;
    /** Where a static_ipaddress without dev goes (global_defs default_interface, else eth0), as keepalived. */
    private final String defaultInterface;
    private StaticEntries current = StaticEntries.NONE;

    public StaticEntriesKeeper(Platform platform, String defaultInterface) {
        this.platform = platform;
        this.defaultInterface = defaultInterface;
    }

    public synchronized void install(StaticEntries entries) {
        add(entries);
        current = entries;
    }

    /** A reload: what the new file no longer has is removed, what it adds is added. */
    public synchronized void reconcile(StaticEntries next) {
        remove(new StaticEntries(
                minus(current.addresses(), next.addresses()),
                current.routes().stream().filter(r -> next.routes().stream().noneMatch(n -> same(r, n))).toList(),
                current.rules().stream().filter(r -> next.rules().stream().noneMatch(n -> n.written().equals(r.written()))).toList()));
        add(new StaticEntries(
                minus(next.addresses(), current.addresses()),
                next.routes().stream().filter(r -> current.routes().stream().noneMatch(o -> same(r, o))).toList(),
                next.rules().stream().filter(r -> current.rules().stream().noneMatch(o -> o.written().equals(r.written()))).toList()));
        current = next;
    }

    public synchronized void removeAll() {
        remove(current);
        current = StaticEntries.NONE;
    }

    public synchronized StaticEntries current() {
        return current;
    }

    private static boolean same(IpRoute a, IpRoute b) {
        return a.written().equals(b.written());
    }

    private List<io.javalived.parser.model.VirtualIpAddress> minus(List<io.javalived.parser.model.VirtualIpAddress> a,
                                                                  List<io.javalived.parser.model.VirtualIpAddress> b) {
        List<Vip> bs = b.stream().map(this::vip).toList();
        return a.stream().filter(v -> !bs.contains(vip(v))).toList();
    }

    private Vip vip(io.javalived.parser.model.VirtualIpAddress v) {
        return VrrpConfigMapper.vip(v, defaultInterface);
    }

    private void add(StaticEntries e) {
        for (var a : e.addresses()) {
            Vip v = vip(a);
            each(x -> platform.vips().add(v), "static address " + v, "added");
        }
        for (IpRoute r : e.routes()) each(x -> platform.routing().add(r), "static route '" + r.written() + "' (" + r.location() + ")", "added");
        for (IpRule r : e.rules()) each(x -> platform.routing().add(r), "static rule '" + r.written() + "' (" + r.location() + ")", "added");
    }

    private void remove(StaticEntries e) {
        for (IpRule r : e.rules()) each(x -> platform.routing().remove(r), "static rule '" + r.written() + "'", "removed");
        for (IpRoute r : e.routes()) each(x -> platform.routing().remove(r), "static route '" + r.written() + "'", "removed");
        for (var a : e.addresses()) {
            Vip v = vip(a);
            each(x -> platform.vips().remove(v), "static address " + v, "removed");
        }
    }

    private static void each(Consumer<Void> change, String what, String done) {
        try {
            change.accept(null);
            log.info("{} {}", what, done);
        } catch (RuntimeException e) {
            log.error("{} not {}: {}", what, done, e.getMessage());
        }
    }
}
