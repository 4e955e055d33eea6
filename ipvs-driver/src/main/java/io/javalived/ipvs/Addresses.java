package io.javalived.ipvs;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;

/** Address helpers: numeric parsing without DNS, and "addr:port" / "[v6]:port" text. */
public final class Addresses {
    private Addresses() {}

    /** "10.0.0.3:80" or "[2001:db8::1]:80". */
    public static String withPort(InetAddress address, int port) {
        return (address instanceof Inet6Address ? "[" + address.getHostAddress() + "]" : address.getHostAddress()) + ":" + port;
    }

    /** Parses a numeric IPv4 or IPv6 address (never a DNS lookup); null when it is not one. */
    public static InetAddress parseNumeric(String text) {
        if (text == null || text.isEmpty()) {
            return null;
        }
        if (text.indexOf(':') >= 0) {
            if (!text.matches("[0-9a-fA-F:.]+")) {
                return null;
            }
        } else if (!text.matches("\\d{1,3}(\\.\\d{1,3}){3}")) {
            return null;
        } else {
            for (String part : text.split("\\.")) {
                if (Integer.parseInt(part) > 255) {
                    return null;
                }
            }
        }
        try {
            return InetAddress.getByName(text);
        } catch (UnknownHostException e) {
            return null;
        }
    }

    /** The address from 4 or 16 raw bytes (the kernel pads IPv4 to 16 bytes: pass the family). */
    public static InetAddress fromBytes(AddressFamily family, byte[] raw) {
        byte[] b = java.util.Arrays.copyOf(raw, family.addressLength());
        try {
            return InetAddress.getByAddress(b);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
