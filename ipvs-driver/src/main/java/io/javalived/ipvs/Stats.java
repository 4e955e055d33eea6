package io.javalived.ipvs;

/**
 * Counters of a service or destination: totals (connections, packets, bytes in and out) and the
 * kernel's rate estimates per second. Values are unsigned; from the 32-bit variant they fit in 32 bits
 * (except the byte totals, which are 64-bit in both).
 */
public record Stats(long connections, long inPackets, long outPackets, long inBytes, long outBytes,
                    long connectionRate, long inPacketRate, long outPacketRate, long inByteRate, long outByteRate) {
    public static final Stats ZERO = new Stats(0, 0, 0, 0, 0, 0, 0, 0, 0, 0);
}
