package io.javalived.vrrp.runtime;

import io.javalived.net.rtnl.Link;
import io.javalived.net.rtnl.LinkControl;
import io.javalived.net.sysctl.Sysctl;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An IPv4 VMAC needs rp_filter 0, and the kernel applies the larger of {@code all.rp_filter} and the interface's.
 * As keepalived does: when {@code all.rp_filter} is set, {@code default.rp_filter} and every interface below it are
 * raised to it first (no interface filters less than before), then {@code all.rp_filter} is cleared;
 * {@link #restore} puts back what was changed and has not been changed by someone else since.
 */
final class RpFilter {
    private static final Logger log = LoggerFactory.getLogger(RpFilter.class);
    private static final String ALL = "net/ipv4/conf/all/rp_filter";
    private static final String DEFAULT = "net/ipv4/conf/default/rp_filter";

    private final Sysctl sysctl;
    private final LinkControl links;
    private final Supplier<List<Link>> interfaces;
    /** all.rp_filter before it was cleared; -1 while not cleared. */
    private int savedAll = -1;
    private int savedDefault = -1;
    private final Map<Link, Integer> raised = new LinkedHashMap<>();

    RpFilter(Sysctl sysctl, LinkControl links, Supplier<List<Link>> interfaces) {
        this.sysctl = sysctl;
        this.links = links;
        this.interfaces = interfaces;
    }

    synchronized void clear() {
        if (savedAll >= 0) return;
        int all = sysctl.read(ALL).orElse(-1);
        if (all < 0) {
            log.info("Unable to read sysctl net.ipv4.conf.all.rp_filter");
            return;
        }
        if (all == 0) return;
        int def = sysctl.read(DEFAULT).orElse(all);
        if (def < all) {
            log.info("NOTICE: setting sysctl net.ipv4.conf.default.rp_filter from {} to {}", def, all);
            sysctl.write(DEFAULT, all);
            savedDefault = def;
        }
        for (Link l : interfaces.get()) {
            int[] conf = links.ipv4Conf(l.name()).orElse(null);
            if (conf == null || conf.length <= LinkControl.IPV4_DEVCONF_RP_FILTER) continue;
            int own = conf[LinkControl.IPV4_DEVCONF_RP_FILTER];
            if (own < all) {
                links.setIpv4Conf(l.index(), l.name(), Map.of(LinkControl.IPV4_DEVCONF_RP_FILTER, all));
                raised.put(l, own);
            }
        }
        log.info("NOTICE: setting sysctl net.ipv4.conf.all.rp_filter from {} to 0", all);
        sysctl.write(ALL, 0);
        savedAll = all;
    }

    synchronized void restore() {
        if (savedAll < 0) return;
        if (sysctl.read(ALL).orElse(-1) == 0) {
            log.info("NOTICE: resetting sysctl net.ipv4.conf.all.rp_filter to {}", savedAll);
            sysctl.write(ALL, savedAll);
        }
        if (savedDefault >= 0 && sysctl.read(DEFAULT).orElse(-1) == savedAll) {
            log.info("NOTICE: resetting sysctl net.ipv4.conf.default.rp_filter to {}", savedDefault);
            sysctl.write(DEFAULT, savedDefault);
        }
        for (var e : raised.entrySet()) {
            Link l = e.getKey();
            try {
                int[] conf = links.ipv4Conf(l.name()).orElse(null);
                if (conf != null && conf.length > LinkControl.IPV4_DEVCONF_RP_FILTER
                        && conf[LinkControl.IPV4_DEVCONF_RP_FILTER] == savedAll) {
                    links.setIpv4Conf(l.index(), l.name(), Map.of(LinkControl.IPV4_DEVCONF_RP_FILTER, e.getValue()));
                }
            } catch (RuntimeException ex) {
                log.debug("rp_filter of {} not restored: {}", l.name(), ex.getMessage());
            }
        }
        raised.clear();
        savedAll = -1;
        savedDefault = -1;
    }
}
