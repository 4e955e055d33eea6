package io.javalived.ipvs;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;

/** Address helpers: numeric parsing without DNS, and "addr:port" / "[v6]:port" text. */
public final class Addresses {
    private Addresses() {}

    /** "10.0.0.3:80" or "[2001:db8::1]:80". */
    public static String withPort(InetAddress address, int port) {
        return (address instanceof Inet6Address ? "[" + toText(address) + "]" : toText(address)) + ":" + port;
    }

    /**
     * The address as the C library's inet_ntop writes it: dotted quad, or IPv6 with the longest run of
     * two or more zero groups compressed (the first on a tie) and embedded IPv4 for ::ffff:a.b.c.d and
     * ::a.b.c.d.
     */
    public static String toText(InetAddress address) {
        byte[] b = address.getAddress();
        if (b.length == 4) {
            return (b[0] & 0xff) + "." + (b[1] & 0xff) + "." + (b[2] & 0xff) + "." + (b[3] & 0xff);
        }
        int[] words = new int[8];
        for (int i = 0; i < 8; i++) {
            words[i] = ((b[2 * i] & 0xff) << 8) | (b[2 * i + 1] & 0xff);
        }
        int bestBase = -1, bestLen = 0, curBase = -1, curLen = 0;
        for (int i = 0; i < 8; i++) {
            if (words[i] == 0) {
                if (curBase == -1) {
                    curBase = i;
                    curLen = 1;
                } else {
                    curLen++;
                }
            } else if (curBase != -1) {
                if (bestBase == -1 || curLen > bestLen) {
                    bestBase = curBase;
                    bestLen = curLen;
                }
                curBase = -1;
            }
        }
        if (curBase != -1 && (bestBase == -1 || curLen > bestLen)) {
            bestBase = curBase;
            bestLen = curLen;
        }
        if (bestBase != -1 && bestLen < 2) {
            bestBase = -1;
        }
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            if (bestBase != -1 && i >= bestBase && i < bestBase + bestLen) {
                if (i == bestBase) {
                    sb.append(':');
                }
                continue;
            }
            if (i != 0) {
                sb.append(':');
            }
            if (i == 6 && bestBase == 0 && (bestLen == 6 || (bestLen == 5 && words[5] == 0xffff))) {
                sb.append(b[12] & 0xff).append('.').append(b[13] & 0xff).append('.')
                        .append(b[14] & 0xff).append('.').append(b[15] & 0xff);
                break;
            }
            sb.append(Integer.toHexString(words[i]));
        }
        if (bestBase != -1 && bestBase + bestLen == 8) {
            sb.append(':');
        }
        return sb.toString();
    }

    /**
     * inet_aton: one to four parts, each decimal, octal (leading 0) or hex (0x); the last part fills the
     * remaining bytes. Null when the text is not such an address.
     */
    public static java.net.Inet4Address parseInetAton(String text) {
        if (text == null || text.isEmpty()) {
            return null;
        }
        String[] parts = text.split("\\.", -1);
        if (parts.length > 4) {
            return null;
        }
        long[] values = new long[parts.length];
        for (int i = 0; i < parts.length; i++) {
            String p = parts[i];
            if (p.isEmpty()) {
                return null;
            }
            try {
                if (p.startsWith("0x") || p.startsWith("0X")) {
                    values[i] = p.length() == 2 ? 0 : Long.parseLong(p.substring(2), 16);
                } else if (p.startsWith("0") && p.length() > 1) {
                    values[i] = Long.parseLong(p.substring(1), 8);
                } else {
                    if (!Character.isDigit(p.charAt(0))) {
                        return null;
                    }
                    values[i] = Long.parseLong(p);
                }
            } catch (NumberFormatException e) {
                return null;
            }
            if (values[i] < 0) {
                return null;
            }
        }
        long addr = 0;
        int n = values.length;
        for (int i = 0; i < n - 1; i++) {
            if (values[i] > 0xff) {
                return null;
            }
            addr |= values[i] << (24 - 8 * i);
        }
        long last = values[n - 1];
        long maxLast = n == 1 ? 0xffffffffL : (1L << (8 * (5 - n))) - 1;
        if (last > maxLast) {
            return null;
        }
        addr |= last;
        byte[] b = {(byte) (addr >>> 24), (byte) (addr >>> 16), (byte) (addr >>> 8), (byte) addr};
        try {
            return (java.net.Inet4Address) InetAddress.getByAddress(b);
        } catch (UnknownHostException e) {
            return null;
        }
    }

    /** inet_pton(AF_INET6): a strict IPv6 literal (no brackets, no zone); null otherwise. Always an Inet6Address. */
    public static Inet6Address parseInet6(String text) {
        if (text == null || text.indexOf(':') < 0 || !text.matches("[0-9a-fA-F:.]+")) {
            return null;
        }
        if (text.contains(":::") || text.indexOf("::") != text.lastIndexOf("::")) {
            return null;
        }
        try {
            byte[] b = InetAddress.getByName(text).getAddress();
            if (b.length == 4) {
                // an IPv4-mapped literal: Java hands back the IPv4 address; keep the IPv6 form
                byte[] mapped = new byte[16];
                mapped[10] = (byte) 0xff;
                mapped[11] = (byte) 0xff;
                System.arraycopy(b, 0, mapped, 12, 4);
                b = mapped;
            }
            return Inet6Address.getByAddress(null, b, -1);
        } catch (UnknownHostException e) {
            return null;
        }
    }

    /** inet_pton(AF_INET): a strict dotted quad of decimal numbers; null otherwise. */
    public static java.net.Inet4Address parseInet4Strict(String text) {
        if (text == null || !text.matches("\\d{1,3}(\\.\\d{1,3}){3}")) {
            return null;
        }
        return parseInetAton(text);
    }

    /** Parses a numeric IPv4 or IPv6 address (never a DNS lookup); null when it is not one. */
    public static InetAddress parseNumeric(String text) {
        if (text == null || text.isEmpty()) {
            return null;
        }
        return text.indexOf(':') >= 0 ? parseInet6(text) : parseInet4Strict(text);
    }

    /** The address from 4 or 16 raw bytes (the kernel pads IPv4 to 16 bytes: pass the family). */
    public static InetAddress fromBytes(AddressFamily family, byte[] raw) {
        byte[] b = raw.length == family.addressLength() ? raw : java.util.Arrays.copyOf(raw, family.addressLength());
        try {
            return family == AddressFamily.INET6 ? Inet6Address.getByAddress(null, b, -1) : InetAddress.getByAddress(b);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
