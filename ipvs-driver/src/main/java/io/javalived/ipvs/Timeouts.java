package io.javalived.ipvs;

/** Connection timeouts in seconds: TCP established, TCP after FIN, UDP. In a set, 0 keeps the current value. */
public record Timeouts(int tcp, int tcpFin, int udp) {
    /** The kernel's defaults. */
    public static final Timeouts DEFAULT = new Timeouts(900, 120, 300);
}
