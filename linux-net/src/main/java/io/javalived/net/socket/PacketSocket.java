package io.javalived.net.socket;

import static java.lang.foreign.ValueLayout.JAVA_BYTE;

import io.javalived.net.ffm.ErrnoException;
import io.javalived.net.ffm.Libc;
import io.javalived.net.ffm.SockAddr;
import io.javalived.net.ffm.SocketConstants;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

/**
 * An AF_PACKET raw socket that sends whole Ethernet frames (header included) out of one interface: gratuitous
 * ARP and unsolicited neighbour advertisements. It receives nothing (protocol 0).
 */
public final class PacketSocket implements AutoCloseable {
    private final int fd;
    private final int ifIndex;
    private final String ifName;

    private PacketSocket(int fd, int ifIndex, String ifName) {
        this.fd = fd;
        this.ifIndex = ifIndex;
        this.ifName = ifName;
    }

    public static PacketSocket open(String ifName) {
        int index = Libc.ifNameToIndex(ifName);
        int fd = Libc.socket(SocketConstants.AF_PACKET, SocketConstants.SOCK_RAW | SocketConstants.SOCK_CLOEXEC, 0);
        return new PacketSocket(fd, index, ifName);
    }

    /** Sends one frame; its first 6 bytes are the destination MAC, bytes 12-13 the EtherType. */
    public void send(byte[] frame) {
        if (frame.length < 14) throw new IllegalArgumentException("an Ethernet frame has at least 14 bytes, not " + frame.length);
        byte[] dst = java.util.Arrays.copyOf(frame, 6);
        int etherType = ((frame[12] & 0xff) << 8) | (frame[13] & 0xff);
        try (Arena a = Arena.ofConfined()) {
            MemorySegment buf = a.allocate(frame.length);
            MemorySegment.copy(frame, 0, buf, JAVA_BYTE, 0, frame.length);
            Libc.sendto(fd, buf, frame.length, 0, SockAddr.packet(a, etherType, ifIndex, dst));
        } catch (ErrnoException e) {
            throw new ErrnoException("send frame on " + ifName, e.errno());
        }
    }

    @Override
    public void close() {
        Libc.close(fd);
    }
}
