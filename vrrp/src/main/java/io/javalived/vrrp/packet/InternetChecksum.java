package io.javalived.vrrp.packet;

/** The Internet 16-bit one's complement checksum (RFC 1071) and its incremental update (RFC 1624). */
public final class InternetChecksum {
    private InternetChecksum() {}

    /** One's complement sum of the bytes, folded to 16 bits, not complemented; start with {@code initial}. */
    public static int sum(byte[] b, int off, int len, int initial) {
        long s = initial;
        int i = off;
        int end = off + len;
        for (; i + 1 < end; i += 2) {
            s += ((b[i] & 0xff) << 8) | (b[i + 1] & 0xff);
        }
        if (i < end) {
            s += (b[i] & 0xff) << 8;
        }
        while ((s >>> 16) != 0) {
            s = (s & 0xffff) + (s >>> 16);
        }
        return (int) s;
    }

    /** The checksum to put on the wire: the complement of the folded sum. */
    public static int finish(int sum) {
        return ~sum & 0xffff;
    }

    public static int checksum(byte[] b, int off, int len) {
        return finish(sum(b, off, len, 0));
    }

    /**
     * RFC 1624 eqn. 3: the new checksum after one 16-bit word of the covered data changes from
     * {@code oldWord} to {@code newWord}: HC' = ~(~HC + ~m + m').
     */
    public static int update(int oldChecksum, int oldWord, int newWord) {
        long s = (~oldChecksum & 0xffff) + (~oldWord & 0xffff) + (newWord & 0xffff);
        while ((s >>> 16) != 0) {
            s = (s & 0xffff) + (s >>> 16);
        }
        return (int) (~s & 0xffff);
    }
}
