package io.javalived.vrrp.runtime;

import io.javalived.vrrp.receive.ReceivedPacket;
import java.net.InetAddress;
import java.time.Duration;

/** Sends and receives VRRP packets on one interface (IP protocol 112). */
public interface AdvertSocket extends AutoCloseable {

    /**
     * Sends one packet: for IPv4 the whole datagram with its IP header (keepalived uses IP_HDRINCL), for IPv6 the
     * VRRP message (the kernel adds the header and the checksum).
     */
    void send(InetAddress destination, byte[] packet);

    /** The next packet, or null when none came within {@code wait}. */
    ReceivedPacket receive(Duration wait);

    @Override
    void close();
}
