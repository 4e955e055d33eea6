package io.javalived.net.nft;

import io.javalived.net.netlink.AttributeWriter;
import io.javalived.net.netlink.Netlink;
import io.javalived.net.netlink.NetlinkMessage;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

/**
 * One nf_tables transaction: the changes in order, sent between NFNL_MSG_BATCH_BEGIN and END by
 * {@link NfTables#commit}; the kernel applies all of them or none. Each change is described for errors
 * ("add set ip keepalived vips").
 */
public final class NftBatch {
    /** NFNL_SUBSYS_NFTABLES, in the message type's high byte and in the batch messages' res_id. */
    static final int SUBSYS_NFTABLES = 10;
    static final int MSG_BATCH_BEGIN = 0x10;
    static final int MSG_BATCH_END = 0x11;
    static final int NEWTABLE = 0, GETTABLE = 1, DELTABLE = 2, NEWCHAIN = 3, NEWRULE = 6, NEWSET = 9,
            NEWSETELEM = 12, DELSETELEM = 14;

    /** Netfilter families (NFPROTO_*). */
    public static final int FAMILY_IPV4 = 2;
    public static final int FAMILY_IPV6 = 10;

    /** Hooks (NF_INET_*). */
    public static final int HOOK_LOCAL_IN = 1;
    public static final int HOOK_LOCAL_OUT = 3;

    /** nft's data type numbers (NFTA_SET_KEY_TYPE), used by nft to print the set. */
    public static final int TYPE_IPV4_ADDR = 7;
    public static final int TYPE_IPV6_ADDR = 8;

    private final List<NetlinkMessage> messages = new ArrayList<>();
    private final List<String> descriptions = new ArrayList<>();

    /** {@code add table FAMILY NAME} (no error when it exists). */
    public NftBatch addTable(int family, String name) {
        return add(NEWTABLE, Netlink.NLM_F_CREATE, family, w -> w.string(1, name).u32be(2, 0),
                "add table " + family(family) + " " + name);
    }

    /** {@code delete table FAMILY NAME} with everything in it (ENOENT when there is none). */
    public NftBatch deleteTable(int family, String name) {
        return add(DELTABLE, 0, family, w -> w.string(1, name), "delete table " + family(family) + " " + name);
    }

    /** {@code add chain FAMILY TABLE NAME { type filter hook HOOK priority P; policy accept; }}. */
    public NftBatch addBaseChain(int family, String table, String name, int hook, int priority) {
        // attributes in nft's order: table, name, type, policy, hook
        return add(NEWCHAIN, Netlink.NLM_F_CREATE, family, w -> w.string(1, table).string(3, name).string(7, "filter")
                        .u32be(5, NftExpression.Verdict.ACCEPT).nestedFlagged(4, h -> h.u32be(1, hook).u32be(2, priority)),
                "add chain " + family(family) + " " + table + " " + name);
    }

    /** {@code add set FAMILY TABLE NAME { type T; }}: keys of {@code keyLength} bytes, in network order. */
    public NftBatch addSet(int family, String table, String name, int id, int keyType, int keyLength) {
        // userdata: NFTNL_UDATA_SET_KEYBYTEORDER = big endian, as nft writes it
        byte[] userdata = ByteBuffer.allocate(6).order(ByteOrder.nativeOrder()).put((byte) 0).put((byte) 4).putInt(2).array();
        return add(NEWSET, Netlink.NLM_F_CREATE, family, w -> w.string(1, table).string(2, name).u32be(3, 0)
                        .u32be(4, keyType).u32be(5, keyLength).u32be(10, id).bytes(13, userdata),
                "add set " + family(family) + " " + table + " " + name);
    }

    /** {@code add rule FAMILY TABLE CHAIN EXPRESSIONS} at the chain's end. */
    public NftBatch addRule(int family, String table, String chain, List<NftExpression> expressions) {
        return add(NEWRULE, Netlink.NLM_F_CREATE | Netlink.NLM_F_APPEND, family, w -> w.string(1, table).string(2, chain)
                        .nestedFlagged(4, list -> {
                            for (NftExpression e : expressions) {
                                list.nestedFlagged(1, x -> x.string(1, e.name()).nestedFlagged(2, e::writeData));
                            }
                        }),
                "add rule " + family(family) + " " + table + " " + chain);
    }

    /** {@code add element FAMILY TABLE SET { KEYS }}; a set made in the same batch is named by its id too. */
    public NftBatch addElements(int family, String table, String set, int setId, List<byte[]> keys) {
        return elements(NEWSETELEM, Netlink.NLM_F_CREATE, family, table, set, setId, keys, "add element ");
    }

    /** {@code delete element FAMILY TABLE SET { KEYS }} (ENOENT for a key not in the set). */
    public NftBatch deleteElements(int family, String table, String set, List<byte[]> keys) {
        return elements(DELSETELEM, 0, family, table, set, -1, keys, "delete element ");
    }

    private NftBatch elements(int type, int flags, int family, String table, String set, int setId, List<byte[]> keys,
                              String verb) {
        return add(type, flags, family, w -> {
            w.string(1, table).string(2, set);
            w.nestedFlagged(3, list -> {
                for (byte[] k : keys) {
                    list.nestedFlagged(1, e -> e.nestedFlagged(1, key -> key.bytes(1, k)));
                }
            });
            if (setId >= 0) w.u32be(4, setId);
        }, verb + family(family) + " " + table + " " + set);
    }

    private NftBatch add(int msg, int flags, int family, java.util.function.Consumer<AttributeWriter> body,
                         String description) {
        AttributeWriter w = new AttributeWriter();
        body.accept(w);
        messages.add(new NetlinkMessage(SUBSYS_NFTABLES << 8 | msg, Netlink.NLM_F_REQUEST | Netlink.NLM_F_ACK | flags,
                0, 0, concat(nfgenmsg(family, 0), w.toByteArray())));
        descriptions.add(description);
        return this;
    }

    public boolean isEmpty() {
        return messages.isEmpty();
    }

    /** The changes' descriptions, in order. */
    public List<String> descriptions() {
        return List.copyOf(descriptions);
    }

    /** BEGIN, the changes, END: what {@link NfTables#commit} sends in one datagram. */
    List<NetlinkMessage> framed() {
        List<NetlinkMessage> all = new ArrayList<>();
        all.add(new NetlinkMessage(MSG_BATCH_BEGIN, Netlink.NLM_F_REQUEST, 0, 0, nfgenmsg(0, SUBSYS_NFTABLES)));
        all.addAll(messages);
        all.add(new NetlinkMessage(MSG_BATCH_END, Netlink.NLM_F_REQUEST, 0, 0, nfgenmsg(0, SUBSYS_NFTABLES)));
        return all;
    }

    /** The description of the message at {@code index} in {@link #framed()}. */
    String describe(int index) {
        return index >= 1 && index <= descriptions.size() ? "nftables: " + descriptions.get(index - 1) : "nftables batch";
    }

    /** struct nfgenmsg: family, version 0, res_id in network order. */
    static byte[] nfgenmsg(int family, int resId) {
        return new byte[] {(byte) family, 0, (byte) (resId >> 8), (byte) resId};
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] r = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, r, a.length, b.length);
        return r;
    }

    static String family(int family) {
        return switch (family) {
            case FAMILY_IPV4 -> "ip";
            case FAMILY_IPV6 -> "ip6";
            default -> "family " + family;
        };
    }
}
