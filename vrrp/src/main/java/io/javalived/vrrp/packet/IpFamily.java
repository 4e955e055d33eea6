package io.javalived.vrrp.packet;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;

/** Address family of a VRRP instance: decides address length and what the advert carries. */
public enum IpFamily {
    IPV4(4), IPV6(16);

    private final int addressLength;

    IpFamily(int addressLength) {
        this.addressLength = addressLength;
    }

    public int addressLength() {
        return addressLength;
    }

    public boolean holds(InetAddress a) {
        return this == IPV4 ? a instanceof Inet4Address : a instanceof Inet6Address;
    }

    public static IpFamily of(InetAddress a) {
        return a instanceof Inet4Address ? IPV4 : IPV6;
    }
}
