package io.javalived.parser.model;

import java.net.InetAddress;

/** What a {@code virtual_server} line names: {@code IP PORT}, {@code fwmark N} or {@code group NAME}. */
public sealed interface VirtualServerAddress {

    /** {@code virtual_server IP [PORT]} (port 0 when omitted). */
    record Endpoint(InetAddress address, int port) implements VirtualServerAddress {
        public InetFamily family() {
            return InetFamily.of(address);
        }

        @Override
        public String toString() {
            String a = address.getHostAddress();
            return (address instanceof java.net.Inet6Address ? "[" + a + "]" : a) + ":" + port;
        }
    }

    /** {@code virtual_server fwmark N} (family inet unless {@code ip_family inet6}). */
    record Fwmark(long mark, InetFamily family) implements VirtualServerAddress {
        @Override
        public String toString() {
            return "FWM " + mark;
        }
    }

    /** {@code virtual_server group NAME}: the addresses of a {@code virtual_server_group}. */
    record Group(String name) implements VirtualServerAddress {
        @Override
        public String toString() {
            return "group " + name;
        }
    }
}
