package io.javalived.ipvs;

/**
 * Tunnel parameters of a TUNNEL destination: encapsulation, UDP port (GUE) and checksum flags
 * ({@link #NOCSUM} 0, {@link #CSUM} 1, {@link #REMCSUM} 2).
 */
public record Tunnel(TunnelType type, int port, int flags) {
    public static final int NOCSUM = 0;
    public static final int CSUM = 1;
    public static final int REMCSUM = 2;
    public static final Tunnel IPIP = new Tunnel(TunnelType.IPIP, 0, NOCSUM);

    public Tunnel {
        if (port < 0 || port > 0xffff) {
            throw new IllegalArgumentException("tunnel port out of range: " + port);
        }
    }
}
