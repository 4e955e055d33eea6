package io.javalived.parser.model;

import java.net.Inet4Address;
import java.net.InetAddress;

/** An address with a prefix length ({@code 192.168.1.0/24}; a host address has the full length). */
public record IpPrefix(InetAddress address, int length) {
    public boolean ipv4() {
        return address instanceof Inet4Address;
    }

    @Override
    public String toString() {
        return address.getHostAddress() + "/" + length;
    }
}
