package io.javalived.ipvs;

import java.net.InetAddress;

/**
 * What identifies a virtual service in the kernel: either protocol + virtual address + port, or a
 * firewall mark and an address family, never both. Counters and settings live elsewhere, so two keys
 * compare equal exactly when the kernel would find the same service.
 */
public sealed interface ServiceKey permits ServiceKey.Address, ServiceKey.Fwmark {

    AddressFamily family();

    /** protocol + virtual IP + port (port 0 is allowed: "all ports", used with persistence). */
    record Address(Protocol protocol, InetAddress address, int port) implements ServiceKey {
        public Address {
            if (port < 0 || port > 0xffff) {
                throw new IllegalArgumentException("port out of range: " + port);
            }
        }

        @Override
        public AddressFamily family() {
            return AddressFamily.of(address);
        }

        @Override
        public String toString() {
            return protocol + " " + Addresses.withPort(address, port);
        }
    }

    /** A firewall-mark service of one family (the mark is an unsigned 32-bit value, never 0). */
    record Fwmark(int mark, AddressFamily family) implements ServiceKey {
        public Fwmark {
            if (mark == 0) {
                throw new IllegalArgumentException("fwmark 0 does not identify a service");
            }
        }

        @Override
        public String toString() {
            return "FWM " + Integer.toUnsignedString(mark) + (family == AddressFamily.INET6 ? " IPv6" : "");
        }
    }

    static ServiceKey tcp(InetAddress address, int port) {
        return new Address(Protocol.TCP, address, port);
    }

    static ServiceKey udp(InetAddress address, int port) {
        return new Address(Protocol.UDP, address, port);
    }

    static ServiceKey fwmark(int mark, AddressFamily family) {
        return new Fwmark(mark, family);
    }
}
