package io.javalived.vrrp.packet;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;

/**
 * Encodes and decodes the VRRP message (the IP payload). Symmetric: {@code decode(encode(a))} gives
 * back {@code a}. Pure: no sockets, no state.
 */
public final class AdvertCodec {
    public static final int CHECKSUM_OFFSET = 6;

    private AdvertCodec() {}

    public static byte[] encode(Advert a, ChecksumMode mode) {
        int len = a.length();
        byte[] b = new byte[len];
        b[0] = (byte) ((a.version().number() << 4) | Advert.TYPE_ADVERTISEMENT);
        b[1] = (byte) a.vrid();
        b[2] = (byte) a.priority();
        b[3] = (byte) a.addresses().size();
        if (a.version() == VrrpVersion.V2) {
            b[4] = (byte) a.authType().code();
            b[5] = (byte) (a.intervalCentis() / 100);
        } else {
            b[4] = (byte) ((a.intervalCentis() >> 8) & 0x0f);
            b[5] = (byte) a.intervalCentis();
        }
        int off = Advert.HEADER_LENGTH;
        for (InetAddress ip : a.addresses()) {
            byte[] raw = ip.getAddress();
            System.arraycopy(raw, 0, b, off, raw.length);
            off += raw.length;
        }
        if (a.carriesAuthData()) {
            a.authData().copyInto(b, off);
        }
        int ck = InternetChecksum.finish(InternetChecksum.sum(b, 0, len, mode.pseudoHeaderSum(len)));
        b[CHECKSUM_OFFSET] = (byte) (ck >> 8);
        b[CHECKSUM_OFFSET + 1] = (byte) ck;
        return b;
    }

    /** Whether the message's checksum is right under {@code mode} (a sum over it all folds to 0xffff). */
    public static boolean checksumValid(byte[] b, int off, int len, ChecksumMode mode) {
        return InternetChecksum.sum(b, off, len, mode.pseudoHeaderSum(len)) == 0xffff;
    }

    public static int checksumOf(byte[] b, int off) {
        return ((b[off + CHECKSUM_OFFSET] & 0xff) << 8) | (b[off + CHECKSUM_OFFSET + 1] & 0xff);
    }

    /**
     * Decodes a message of exactly {@code len} bytes (padding already removed). Structure only: it does not
     * check the checksum or anything an instance configures; {@code AdvertValidator} does that in keepalived's order.
     */
    public static Decoded decode(byte[] b, int off, int len, IpFamily family) {
        if (len < Advert.HEADER_LENGTH) {
            return new Decoded.Malformed("length", len + " bytes, shorter than the 8-byte VRRP header");
        }
        int vt = b[off] & 0xff;
        VrrpVersion version = VrrpVersion.ofNumber(vt >> 4);
        if (version == null) return new Decoded.Malformed("version", "version " + (vt >> 4) + " is neither 2 nor 3");
        if ((vt & 0x0f) != Advert.TYPE_ADVERTISEMENT) return new Decoded.Malformed("type", "type " + (vt & 0x0f) + " is not 1 (ADVERTISEMENT)");
        if (version == VrrpVersion.V2 && family == IpFamily.IPV6) return new Decoded.Malformed("version", "VRRPv2 over IPv6");
        int count = b[off + 3] & 0xff;
        int expected = Advert.expectedLength(version, family, count);
        if (len != expected) {
            return new Decoded.Malformed("length", len + " bytes, but " + count + " addresses make " + expected);
        }
        AuthType auth = AuthType.NONE;
        int interval;
        if (version == VrrpVersion.V2) {
            auth = AuthType.ofCode(b[off + 4] & 0xff);
            if (auth == null) return new Decoded.Malformed("auth type", "auth type " + (b[off + 4] & 0xff) + " is not 0, 1 or 2");
            interval = (b[off + 5] & 0xff) * 100;
        } else {
            // RFC 5798: the 4 reserved bits are sent as zero and ignored on receipt.
            interval = ((b[off + 4] & 0x0f) << 8) | (b[off + 5] & 0xff);
        }
        int alen = family.addressLength();
        List<InetAddress> addrs = new ArrayList<>(count);
        int p = off + Advert.HEADER_LENGTH;
        byte[] raw = new byte[alen];
        for (int i = 0; i < count; i++, p += alen) {
            System.arraycopy(b, p, raw, 0, alen);
            try {
                addrs.add(InetAddress.getByAddress(raw));
            } catch (UnknownHostException e) {
                throw new AssertionError("a " + alen + "-byte address is always valid", e);
            }
        }
        AuthData authData = AuthData.ZEROS;
        if (version == VrrpVersion.V2 && family == IpFamily.IPV4) {
            byte[] ad = new byte[AuthData.LENGTH];
            System.arraycopy(b, p, ad, 0, AuthData.LENGTH);
            authData = AuthData.of(ad);
        }
        Advert a = new Advert(version, family, b[off + 1] & 0xff, b[off + 2] & 0xff, auth, interval, addrs, authData);
        return new Decoded.Ok(a, checksumOf(b, off));
    }
}
