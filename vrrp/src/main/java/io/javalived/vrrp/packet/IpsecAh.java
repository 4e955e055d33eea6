package io.javalived.vrrp.packet;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The IPsec AH header keepalived 2.2.7 puts between the IPv4 header and a VRRPv2 advert with {@code auth_type AH}
 * (IP protocol 51): next header 112, payload length 4, reserved 0, SPI = the sender's IPv4 address, a sequence
 * number, and a 12-byte ICV: HMAC-MD5 truncated to 96 bits, keyed with the 8-byte auth_pass data, over the IPv4
 * header (TOS, fragment field and checksum zeroed, and the TTL too for unicast), the AH header with a zero ICV,
 * and the advert. 24 bytes; IPv4 only.
 */
public final class IpsecAh {
    public static final int LENGTH = 24;
    public static final int ICV_LENGTH = 12;
    /** The AH length in 32-bit words, minus 2. */
    public static final int PAYLOAD_LENGTH = 4;
    static final int ICV_OFFSET = 12;

    private IpsecAh() {}

    /** The header with a zero ICV, to be {@link #seal}ed once the datagram around it is complete. */
    public static byte[] header(byte[] spi, long sequence) {
        byte[] h = new byte[LENGTH];
        h[0] = (byte) Ipv4Header.PROTO_VRRP;
        h[1] = PAYLOAD_LENGTH;
        System.arraycopy(spi, 0, h, 4, 4);
        h[8] = (byte) (sequence >>> 24);
        h[9] = (byte) (sequence >>> 16);
        h[10] = (byte) (sequence >>> 8);
        h[11] = (byte) sequence;
        return h;
    }

    /** Writes the ICV into a whole datagram (IPv4 header of {@code ipHeaderLength} bytes, AH, advert). */
    public static byte[] seal(byte[] datagram, int ipHeaderLength, AuthData key, boolean unicast) {
        byte[] icv = icv(datagram, ipHeaderLength, datagram.length, key, unicast);
        System.arraycopy(icv, 0, datagram, ipHeaderLength + ICV_OFFSET, ICV_LENGTH);
        return datagram;
    }

    /** Whether the datagram's ICV is the one the key gives (compared in constant time). */
    public static boolean icvValid(byte[] datagram, int ipHeaderLength, int datagramLength, AuthData key, boolean unicast) {
        byte[] want = icv(datagram, ipHeaderLength, datagramLength, key, unicast);
        byte[] got = Arrays.copyOfRange(datagram, ipHeaderLength + ICV_OFFSET, ipHeaderLength + ICV_OFFSET + ICV_LENGTH);
        return MessageDigest.isEqual(want, got);
    }

    public static int nextHeader(byte[] datagram, int ipHeaderLength) {
        return datagram[ipHeaderLength] & 0xff;
    }

    /** The SPI's four bytes (keepalived: the sender's address). */
    public static byte[] spi(byte[] datagram, int ipHeaderLength) {
        return Arrays.copyOfRange(datagram, ipHeaderLength + 4, ipHeaderLength + 8);
    }

    /** The sequence number, unsigned. */
    public static long sequence(byte[] datagram, int ipHeaderLength) {
        int o = ipHeaderLength + 8;
        return ((datagram[o] & 0xffL) << 24) | ((datagram[o + 1] & 0xffL) << 16) | ((datagram[o + 2] & 0xffL) << 8)
                | (datagram[o + 3] & 0xffL);
    }

    private static byte[] icv(byte[] datagram, int ipHeaderLength, int datagramLength, AuthData key, boolean unicast) {
        byte[] d = Arrays.copyOf(datagram, datagramLength);
        d[1] = 0;                 // TOS
        d[6] = 0;                 // flags and fragment offset
        d[7] = 0;
        if (unicast) d[8] = 0;    // TTL
        d[10] = 0;                // header checksum
        d[11] = 0;
        Arrays.fill(d, ipHeaderLength + ICV_OFFSET, ipHeaderLength + ICV_OFFSET + ICV_LENGTH, (byte) 0);
        try {
            Mac mac = Mac.getInstance("HmacMD5");
            mac.init(new SecretKeySpec(key.bytes(), "HmacMD5"));
            return Arrays.copyOf(mac.doFinal(d), ICV_LENGTH);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacMD5 is not available in this JVM", e);
        }
    }
}
