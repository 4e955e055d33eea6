package io.javalived.net.rtnl;

import io.javalived.net.netlink.AttributeList;
import io.javalived.net.netlink.AttributeWriter;
import io.javalived.net.netlink.NetlinkDecodeException;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * A policy routing rule: struct fib_rule_hdr + FRA_* attributes, as {@code ip rule add [not] [from SRC/LEN]
 * [to DST/LEN] [tos T] [fwmark M[/MASK]] [iif IF] [oif IF] [priority P] [table T | goto P | blackhole |
 * unreachable | prohibit]} sends it. {@link #encode()} and {@link #decode} are a symmetric pair.
 *
 * @param action  FR_ACT_* (to table 1, goto 2, nop 3, blackhole 6, unreachable 7, prohibit 8)
 * @param flags   FIB_RULE_* (FIB_RULE_INVERT 2: "not")
 * @param table   the table (FRA_TABLE), 0 when the action is not "to table"
 * @param protocol FRA_PROTOCOL (who installed it; keepalived marks its rules 18), 0: not sent
 */
public record Rule(int family, Optional<InetAddress> source, int sourceLength, Optional<InetAddress> destination,
                   int destinationLength, int tos, int table, int action, int flags, OptionalInt priority,
                   OptionalInt fwmark, OptionalInt fwmask, Optional<String> iif, Optional<String> oif,
                   OptionalInt gotoTarget, int protocol) {

    public Rule {
        source = source == null ? Optional.empty() : source;
        destination = destination == null ? Optional.empty() : destination;
        priority = priority == null ? OptionalInt.empty() : priority;
        fwmark = fwmark == null ? OptionalInt.empty() : fwmark;
        fwmask = fwmask == null ? OptionalInt.empty() : fwmask;
        iif = iif == null ? Optional.empty() : iif;
        oif = oif == null ? Optional.empty() : oif;
        gotoTarget = gotoTarget == null ? OptionalInt.empty() : gotoTarget;
    }

    public static final int FIB_RULE_HDR_SIZE = 12;

    public byte[] encode() {
        ByteBuffer h = ByteBuffer.allocate(FIB_RULE_HDR_SIZE).order(ByteOrder.nativeOrder());
        h.put((byte) family).put((byte) destinationLength).put((byte) sourceLength).put((byte) tos)
                .put((byte) (table > 0 && table < 256 ? table : 0)).put((byte) 0).put((byte) 0).put((byte) action)
                .putInt(flags);
        AttributeWriter w = new AttributeWriter();
        if (table > 0) w.u32(Rtnl.FRA_TABLE, table);
        source.ifPresent(s -> w.bytes(Rtnl.FRA_SRC, s.getAddress()));
        destination.ifPresent(d -> w.bytes(Rtnl.FRA_DST, d.getAddress()));
        priority.ifPresent(p -> w.u32(Rtnl.FRA_PRIORITY, p));
        fwmark.ifPresent(m -> w.u32(Rtnl.FRA_FWMARK, m));
        fwmask.ifPresent(m -> w.u32(Rtnl.FRA_FWMASK, m));
        iif.ifPresent(i -> w.string(Rtnl.FRA_IIFNAME, i));
        oif.ifPresent(o -> w.string(Rtnl.FRA_OIFNAME, o));
        gotoTarget.ifPresent(g -> w.u32(Rtnl.FRA_GOTO, g));
        if (protocol != 0) w.u8(Rtnl.FRA_PROTOCOL, protocol);
        return Rtnl.concat(h.array(), w.toByteArray());
    }

    /** The payload of an RTM_NEWRULE / RTM_DELRULE message. */
    public static Rule decode(byte[] payload) {
        if (payload.length < FIB_RULE_HDR_SIZE) {
            throw new NetlinkDecodeException("fib_rule_hdr: " + payload.length + " bytes, need " + FIB_RULE_HDR_SIZE);
        }
        ByteBuffer b = ByteBuffer.wrap(payload).order(ByteOrder.nativeOrder());
        int family = b.get() & 0xff;
        int dstLen = b.get() & 0xff;
        int srcLen = b.get() & 0xff;
        int tos = b.get() & 0xff;
        int table = b.get() & 0xff;
        b.get();
        b.get();
        int action = b.get() & 0xff;
        int flags = b.getInt();
        AttributeList a = AttributeList.decode(b.slice());
        return new Rule(family, a.first(Rtnl.FRA_SRC).map(x -> Route.addr(x.value())), srcLen,
                a.first(Rtnl.FRA_DST).map(x -> Route.addr(x.value())), dstLen, tos, a.u32(Rtnl.FRA_TABLE, table),
                action, flags, u32(a, Rtnl.FRA_PRIORITY), u32(a, Rtnl.FRA_FWMARK), u32(a, Rtnl.FRA_FWMASK),
                a.first(Rtnl.FRA_IIFNAME).map(x -> x.string()), a.first(Rtnl.FRA_OIFNAME).map(x -> x.string()),
                u32(a, Rtnl.FRA_GOTO), a.u8(Rtnl.FRA_PROTOCOL, 0));
    }

    private static OptionalInt u32(AttributeList a, int type) {
        return a.has(type) ? OptionalInt.of(a.u32(type, 0)) : OptionalInt.empty();
    }

    /** As {@code ip rule} writes it, for logs and messages. */
    @Override
    public String toString() {
        StringBuilder s = new StringBuilder();
        priority.ifPresent(p -> s.append(p).append(": "));
        if ((flags & Rtnl.FIB_RULE_INVERT) != 0) s.append("not ");
        s.append("from ").append(source.map(x -> x.getHostAddress() + "/" + sourceLength).orElse("all"));
        destination.ifPresent(x -> s.append(" to ").append(x.getHostAddress()).append('/').append(destinationLength));
        fwmark.ifPresent(m -> s.append(" fwmark 0x").append(Integer.toHexString(m)));
        fwmask.ifPresent(m -> s.append("/0x").append(Integer.toHexString(m)));
        iif.ifPresent(x -> s.append(" iif ").append(x));
        oif.ifPresent(x -> s.append(" oif ").append(x));
        switch (action) {
            case Rtnl.FR_ACT_TO_TBL -> s.append(" lookup ").append(table);
            case Rtnl.FR_ACT_GOTO -> s.append(" goto ").append(gotoTarget.orElse(0));
            default -> s.append(' ').append(Rtnl.ruleActionName(action));
        }
        if (protocol != 0) s.append(" proto ").append(protocol);
        return s.toString();
    }
}
