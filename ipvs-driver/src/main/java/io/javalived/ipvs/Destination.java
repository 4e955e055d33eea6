package io.javalived.ipvs;

import java.net.InetAddress;

/**
 * A real server behind a virtual service, as configured: address and port (its identity within the
 * service), forwarding method, weight, upper/lower connection thresholds (0 = none) and, for TUNNEL,
 * the tunnel parameters. No counters.
 */
public record Destination(InetAddress address, int port, ForwardingMethod forwarding, int weight,
                          int upperThreshold, int lowerThreshold, Tunnel tunnel) {

    public Destination {
        if (port < 0 || port > 0xffff) {
            throw new IllegalArgumentException("port out of range: " + port);
        }
        if (tunnel == null) {
            tunnel = Tunnel.IPIP;
        }
    }

    public static Destination of(InetAddress address, int port, ForwardingMethod forwarding, int weight) {
        return new Destination(address, port, forwarding, weight, 0, 0, Tunnel.IPIP);
    }

    public AddressFamily family() {
        return AddressFamily.of(address);
    }

    public Destination withWeight(int w) {
        return new Destination(address, port, forwarding, w, upperThreshold, lowerThreshold, tunnel);
    }

    public Destination withPort(int p) {
        return new Destination(address, p, forwarding, weight, upperThreshold, lowerThreshold, tunnel);
    }

    public Destination withThresholds(int upper, int lower) {
        return new Destination(address, port, forwarding, weight, upper, lower, tunnel);
    }

    public Destination withForwarding(ForwardingMethod m) {
        return new Destination(address, port, m, weight, upperThreshold, lowerThreshold, tunnel);
    }

    public Destination withTunnel(Tunnel t) {
        return new Destination(address, port, forwarding, weight, upperThreshold, lowerThreshold, t);
    }

    /**
     * What the kernel table will hold for this destination under the service: as ipvsadm and keepalived
     * do, a direct-routing or tunnelled real server of an address service takes the service's port.
     */
    public Destination normalizedFor(ServiceKey service) {
        if (service instanceof ServiceKey.Address a
                && (forwarding == ForwardingMethod.ROUTE || forwarding == ForwardingMethod.TUNNEL)
                && port != a.port()) {
            return withPort(a.port());
        }
        return this;
    }

    @Override
    public String toString() {
        return Addresses.withPort(address, port);
    }
}
