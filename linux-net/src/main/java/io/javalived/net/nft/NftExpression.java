package io.javalived.net.nft;

import io.javalived.net.netlink.AttributeWriter;

/** The nf_tables rule expressions javalived writes (NFTA_EXPR_NAME and its NFTA_EXPR_DATA), one record each. */
public sealed interface NftExpression {
    /** The expression's name in the kernel ("payload", "lookup", ...). */
    String name();

    /** Writes the expression's NFTA_EXPR_DATA attributes. */
    void writeData(AttributeWriter w);

    /** Base of a payload load: the network header. */
    int BASE_NETWORK = 1;
    /** The verdict register. */
    int REG_VERDICT = 0;
    /** The first 16-byte data register (NFT_REG_1). */
    int REG_1 = 1;

    /** {@code payload load LEN b @ network header + OFFSET => reg DREG}. */
    record Payload(int base, int offset, int length, int destination) implements NftExpression {
        public String name() {
            return "payload";
        }

        public void writeData(AttributeWriter w) {
            w.u32be(1, destination).u32be(2, base).u32be(3, offset).u32be(4, length);
        }
    }

    /** {@code lookup reg SREG set NAME}: the rule goes on when the register's value is in the set. */
    record Lookup(String set, int setId, int source) implements NftExpression {
        public String name() {
            return "lookup";
        }

        public void writeData(AttributeWriter w) {
            w.u32be(2, source).string(1, set);
            if (setId >= 0) w.u32be(4, setId);
        }
    }

    /** {@code counter}: packets and bytes, starting at zero. */
    record Counter() implements NftExpression {
        public String name() {
            return "counter";
        }

        public void writeData(AttributeWriter w) {
            // no attributes: the kernel starts a counter at zero
        }
    }

    /** {@code immediate reg 0 VERDICT}: accept or drop. */
    record Verdict(int code) implements NftExpression {
        public static final int DROP = 0;
        public static final int ACCEPT = 1;

        public String name() {
            return "immediate";
        }

        public void writeData(AttributeWriter w) {
            w.u32be(1, REG_VERDICT).nestedFlagged(2, d -> d.nestedFlagged(2, v -> v.u32be(1, code)));
        }
    }
}
