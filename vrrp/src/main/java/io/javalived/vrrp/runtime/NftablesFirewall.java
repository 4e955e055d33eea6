package io.javalived.vrrp.runtime;

import io.javalived.net.nft.NfTables;
import io.javalived.net.nft.NftBatch;
import io.javalived.net.nft.NftExpression;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The firewall as keepalived 2.2.7 makes it with nftables (observed with {@code nft list ruleset}): on first use
 * a table {@code ip TABLE} with a set {@code vips} of ipv4_addr and two base chains at filter priority
 * {@code nftables_priority} (-1), {@code out} (hook output: {@code ip saddr @vips [counter] drop}) and {@code in}
 * (hook input: {@code ip daddr @vips [counter] drop}); blocking and unblocking add and delete set elements; the
 * table is deleted at close. IPv4 only: keepalived's ip6 table (neighbour discovery accepted, link-local VIPs
 * matched with their interface) is not made, so IPv6 addresses are refused.
 */
public final class NftablesFirewall implements VipFirewall {
    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(NftablesFirewall.class);
    private static final String SET = "vips";
    private static final int SET_ID = 1;
    private static final int IPV4_SADDR = 12;
    private static final int IPV4_DADDR = 16;

    private final FirewallSettings settings;
    private NfTables nft;
    private boolean tableMade;
    private final Set<InetAddress> blocked = new LinkedHashSet<>();

    public NftablesFirewall(FirewallSettings settings) {
        this.settings = settings;
    }

    @Override
    public synchronized void block(Collection<InetAddress> addresses) {
        List<byte[]> keys = keys(addresses, a -> !blocked.contains(a));
        if (keys.isEmpty()) return;
        NftBatch batch = new NftBatch();
        if (!tableMade) {
            // a table left behind by an earlier run goes first, as keepalived does
            if (nft().deleteTableIfPresent(NftBatch.FAMILY_IPV4, settings.table())) {
                log.info("nftables: deleted table ip {} left from an earlier run", settings.table());
            }
            batch.addTable(NftBatch.FAMILY_IPV4, settings.table())
                    .addSet(NftBatch.FAMILY_IPV4, settings.table(), SET, SET_ID, NftBatch.TYPE_IPV4_ADDR, 4)
                    .addBaseChain(NftBatch.FAMILY_IPV4, settings.table(), "out", NftBatch.HOOK_LOCAL_OUT, settings.priority())
                    .addBaseChain(NftBatch.FAMILY_IPV4, settings.table(), "in", NftBatch.HOOK_LOCAL_IN, settings.priority())
                    .addRule(NftBatch.FAMILY_IPV4, settings.table(), "out", dropRule(IPV4_SADDR))
                    .addRule(NftBatch.FAMILY_IPV4, settings.table(), "in", dropRule(IPV4_DADDR));
        }
        batch.addElements(NftBatch.FAMILY_IPV4, settings.table(), SET, tableMade ? -1 : SET_ID, keys);
        commit(batch);
        tableMade = true;
        for (InetAddress a : addresses) blocked.add(a);
    }

    @Override
    public synchronized void unblock(Collection<InetAddress> addresses) {
        List<byte[]> keys = keys(addresses, blocked::contains);
        if (keys.isEmpty()) return;
        commit(new NftBatch().deleteElements(NftBatch.FAMILY_IPV4, settings.table(), SET, keys));
        blocked.removeAll(addresses);
    }

    @Override
    public synchronized Set<InetAddress> blocked() {
        return Set.copyOf(blocked);
    }

    @Override
    public synchronized void close() {
        if (nft == null) return;
        try {
            if (tableMade) nft.deleteTableIfPresent(NftBatch.FAMILY_IPV4, settings.table());
        } catch (RuntimeException e) {
            log.error("nftables: cannot delete table ip {}: {}", settings.table(), e.getMessage());
        } finally {
            tableMade = false;
            blocked.clear();
            nft.close();
            nft = null;
        }
    }

    private List<NftExpression> dropRule(int offset) {
        List<NftExpression> e = new ArrayList<>();
        e.add(new NftExpression.Payload(NftExpression.BASE_NETWORK, offset, 4, NftExpression.REG_1));
        e.add(new NftExpression.Lookup(SET, SET_ID, NftExpression.REG_1));
        if (settings.counters()) e.add(new NftExpression.Counter());
        e.add(new NftExpression.Verdict(NftExpression.Verdict.DROP));
        return e;
    }

    private static List<byte[]> keys(Collection<InetAddress> addresses, java.util.function.Predicate<InetAddress> which) {
        List<byte[]> keys = new ArrayList<>();
        for (InetAddress a : new LinkedHashSet<>(addresses)) {
            if (!(a instanceof Inet4Address)) {
                throw new NetworkActionException("nftables: no_accept for IPv6 address " + a.getHostAddress()
                        + " is not applied by javalived (IPv4 only)");
            }
            if (which.test(a)) keys.add(a.getAddress());
        }
        return keys;
    }

    private NfTables nft() {
        if (nft == null) {
            try {
                nft = NfTables.open();
            } catch (RuntimeException e) {
                throw new NetworkActionException("nftables: cannot open a NETLINK_NETFILTER socket: " + e.getMessage());
            }
        }
        return nft;
    }

    private void commit(NftBatch batch) {
        try {
            nft().commit(batch);
        } catch (NetworkActionException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new NetworkActionException(e.getMessage());
        }
    }
}
