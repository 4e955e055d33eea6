package io.javalived.net.netlink;

import static java.lang.foreign.ValueLayout.JAVA_INT;

import io.javalived.net.ffm.ErrnoException;
import io.javalived.net.ffm.Libc;
import io.javalived.net.ffm.SockAddr;
import io.javalived.net.ffm.SocketConstants;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import io.javalived.net.ffm.Errno;

/**
 * An AF_NETLINK socket bound to a kernel-assigned port id. {@link #request} sends one message with a
 * fresh sequence number and NLM_F_ACK and waits for the kernel's acknowledgement (returning any replies
 * before it); {@link #dump} sends an NLM_F_DUMP request and collects the multipart answer up to
 * NLMSG_DONE. An NLMSG_ERROR becomes a {@link NetlinkException} naming the request and the errno, with
 * the kernel's extended-ack text when it gives one. Replies to older sequence numbers (a request that
 * timed out) are skipped. Replies are read with blocking receives bounded by SO_RCVTIMEO (no poll) into
 * a 64 KiB buffer; {@link #receive(Duration)} (for multicast listeners) peeks the size with MSG_TRUNC
 * and grows the buffer to fit.
 * Thread-safe: requests on one socket are serialised.
 */
public final class NetlinkSocket implements AutoCloseable {
    private static final int INITIAL_BUFFER = 64 * 1024;
    private static final int SOCKET_RCVBUF = 4 * 1024 * 1024;

    private final int fd;
    private final int protocol;
    private final int portId;
    private final Arena arena = Arena.ofShared();
    private MemorySegment receiveBuffer;
    private MemorySegment sendBuffer;
    private final MemorySegment kernelAddress;
    private int sequence;
    private Duration timeout = Duration.ofSeconds(10);
    private volatile boolean closed;

    private NetlinkSocket(int fd, int protocol, int portId) {
        this.fd = fd;
        this.protocol = protocol;
        this.portId = portId;
        this.receiveBuffer = arena.allocate(INITIAL_BUFFER, 8);
        this.sendBuffer = arena.allocate(4096, 8);
        this.kernelAddress = SockAddr.netlink(arena, 0, 0);
        setReceiveTimeout(fd, timeout);
        this.sequence = (int) (System.nanoTime() & 0x3fffffff);
    }

    /** Opens and binds a netlink socket of the given protocol (NETLINK_ROUTE, NETLINK_GENERIC, ...). */
    public static NetlinkSocket open(int protocol) {
        return open(protocol, 0);
    }

    /** Opens a netlink socket bound to the given multicast groups bitmask (legacy groups; 0 for none). */
    public static NetlinkSocket open(int protocol, int groups) {
        int fd = Libc.socket(SocketConstants.AF_NETLINK, SocketConstants.SOCK_RAW | SocketConstants.SOCK_CLOEXEC, protocol);
        try (Arena a = Arena.ofConfined()) {
            Libc.bind(fd, SockAddr.netlink(a, 0, groups));
            MemorySegment bound = SockAddr.netlink(a, 0, 0);
            Libc.getsockname(fd, bound);
            int port = bound.get(JAVA_INT, 4);
            trySetInt(fd, SocketConstants.SOL_NETLINK, SocketConstants.NETLINK_EXT_ACK, 1);
            trySetInt(fd, SocketConstants.SOL_NETLINK, SocketConstants.NETLINK_CAP_ACK, 1);
            trySetInt(fd, SocketConstants.SOL_SOCKET, SocketConstants.SO_RCVBUF, SOCKET_RCVBUF);
            return new NetlinkSocket(fd, protocol, port);
        } catch (RuntimeException e) {
            Libc.close(fd);
            throw e;
        }
    }

    private static void trySetInt(int fd, int level, int option, int value) {
        try {
            Libc.setsockoptInt(fd, level, option, value);
        } catch (ErrnoException ignored) {
            // Older kernels lack the option; the socket still works without it.
        }
    }

    public int fd() {
        return fd;
    }

    public int protocol() {
        return protocol;
    }

    /** The port id the kernel assigned to this socket. */
    public int portId() {
        return portId;
    }

    /** How long to wait for each reply datagram (default 10 s). */
    /** How long a request waits for the kernel's answer. */
    public synchronized Duration timeout() {
        return timeout;
    }

    public synchronized void timeout(Duration timeout) {
        this.timeout = timeout;
        setReceiveTimeout(fd, timeout);
    }

    /** SO_RCVTIMEO (struct timeval): a blocking receive gives up with EAGAIN after this long. */
    private static void setReceiveTimeout(int fd, Duration timeout) {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment tv = a.allocate(16, 8);
            tv.set(ValueLayout.JAVA_LONG, 0, timeout.toSeconds());
            tv.set(ValueLayout.JAVA_LONG, 8, timeout.toNanosPart() / 1000);
            Libc.setsockopt(fd, SocketConstants.SOL_SOCKET, SocketConstants.SO_RCVTIMEO, tv);
        }
    }

    /** Joins a multicast group by number (NETLINK_ADD_MEMBERSHIP). */
    public void joinGroup(int group) {
        Libc.setsockoptInt(fd, SocketConstants.SOL_NETLINK, SocketConstants.NETLINK_ADD_MEMBERSHIP, group);
    }

    public void leaveGroup(int group) {
        Libc.setsockoptInt(fd, SocketConstants.SOL_NETLINK, SocketConstants.NETLINK_DROP_MEMBERSHIP, group);
    }

    /** The next sequence number this socket will use. */
    private int nextSequence() {
        sequence = (sequence + 1) & 0x7fffffff;
        if (sequence == 0) {
            sequence = 1;
        }
        return sequence;
    }

    /**
     * Sends a request (NLM_F_REQUEST | NLM_F_ACK | flags) and waits for its acknowledgement. Returns the
     * messages the kernel sent before the ack (e.g. the answer to a GET), in order.
     *
     * @param description names the request in errors, e.g. "IPVS NEW_SERVICE TCP 10.0.0.3:80"
     */
    public List<NetlinkMessage> request(int type, int flags, byte[] payload, String description) {
        return request(type, flags, payload, () -> description);
    }

    /** As {@link #request(int, int, byte[], String)}, building the description only when it is needed. */
    public synchronized List<NetlinkMessage> request(int type, int flags, byte[] payload,
                                                     java.util.function.Supplier<String> description) {
        int seq = nextSequence();
        send(new NetlinkMessage(type, Netlink.NLM_F_REQUEST | Netlink.NLM_F_ACK | flags, seq, 0, payload));
        List<NetlinkMessage> replies = new ArrayList<>();
        while (true) {
            for (NetlinkMessage m : receiveDatagram(description)) {
                if (m.sequence() != seq) {
                    continue;
                }
                if (m.type() == Netlink.NLMSG_ERROR) {
                    int errno = errorCode(m);
                    if (errno == 0) {
                        return replies;
                    }
                    throw new NetlinkException(description.get(), errno, extendedAckMessage(m));
                }
                if (m.type() == Netlink.NLMSG_DONE) {
                    return replies;
                }
                if (m.type() != Netlink.NLMSG_NOOP) {
                    replies.add(m);
                }
            }
        }
    }

    /**
     * Sends a dump request (NLM_F_REQUEST | NLM_F_DUMP | flags) and returns every message of the
     * multipart answer, up to NLMSG_DONE. A dump the kernel marks as interrupted (NLM_F_DUMP_INTR: the
     * table changed while it was read) is repeated, up to three times.
     */
    public List<NetlinkMessage> dump(int type, int flags, byte[] payload, String description) {
        return dump(type, flags, payload, () -> description);
    }

    /** As {@link #dump(int, int, byte[], String)}, building the description only when it is needed. */
    public synchronized List<NetlinkMessage> dump(int type, int flags, byte[] payload,
                                                  java.util.function.Supplier<String> description) {
        for (int attempt = 1; ; attempt++) {
            int seq = nextSequence();
            send(new NetlinkMessage(type, Netlink.NLM_F_REQUEST | Netlink.NLM_F_DUMP | flags, seq, 0, payload));
            List<NetlinkMessage> replies = new ArrayList<>();
            boolean interrupted = false;
            boolean done = false;
            while (!done) {
                for (NetlinkMessage m : receiveDatagram(description)) {
                    if (m.sequence() != seq) {
                        continue;
                    }
                    interrupted |= (m.flags() & Netlink.NLM_F_DUMP_INTR) != 0;
                    if (m.type() == Netlink.NLMSG_ERROR) {
                        int errno = errorCode(m);
                        if (errno != 0) {
                            throw new NetlinkException(description.get(), errno, extendedAckMessage(m));
                        }
                        done = true;
                    } else if (m.type() == Netlink.NLMSG_DONE) {
                        ByteBuffer p = m.payloadBuffer();
                        if (p.remaining() >= 4) {
                            int err = p.getInt();
                            if (err < 0) {
                                throw new NetlinkException(description.get(), -err, null);
                            }
                        }
                        done = true;
                    } else if (m.type() != Netlink.NLMSG_NOOP) {
                        replies.add(m);
                    }
                }
            }
            if (!interrupted || attempt >= 3) {
                return replies;
            }
        }
    }

    /**
     * Sends messages in one datagram (a netfilter batch: BEGIN, the changes, END) and waits for the answer to
     * each message that asks for an acknowledgement (NLM_F_ACK; this method gives every message its sequence
     * number). The first refusal is thrown, naming the message by {@code describe} (its index in the list).
     * The kernel answers every message of a batch before it applies or aborts the whole batch.
     */
    public synchronized void batch(List<NetlinkMessage> messages, java.util.function.IntFunction<String> describe) {
        java.util.Map<Integer, Integer> waiting = new java.util.HashMap<>();
        ByteBuffer out = ByteBuffer.allocate(messages.stream().mapToInt(NetlinkMessage::encodedSize).sum())
                .order(ByteOrder.nativeOrder());
        for (int i = 0; i < messages.size(); i++) {
            NetlinkMessage m = messages.get(i);
            int seq = nextSequence();
            new NetlinkMessage(m.type(), m.flags(), seq, 0, m.payload()).encodeTo(out);
            if ((m.flags() & Netlink.NLM_F_ACK) != 0) waiting.put(seq, i);
        }
        byte[] bytes = out.array();
        if (bytes.length > sendBuffer.byteSize()) {
            sendBuffer = arena.allocate(bytes.length, 8);
        }
        MemorySegment.copy(bytes, 0, sendBuffer, ValueLayout.JAVA_BYTE, 0, bytes.length);
        Libc.sendto(fd, sendBuffer, bytes.length, 0, kernelAddress);
        NetlinkException first = null;
        while (!waiting.isEmpty()) {
            for (NetlinkMessage m : receiveDatagram(() -> describe.apply(waiting.values().iterator().next()))) {
                Integer index = waiting.remove(m.sequence());
                if (index == null || m.type() != Netlink.NLMSG_ERROR) continue;
                int errno = errorCode(m);
                if (errno != 0 && first == null) {
                    first = new NetlinkException(describe.apply(index), errno, extendedAckMessage(m));
                }
            }
        }
        if (first != null) throw first;
    }

    /** Sends one message as it is (the caller sets flags and sequence). */
    public synchronized void send(NetlinkMessage message) {
        byte[] bytes = message.encode();
        if (bytes.length > sendBuffer.byteSize()) {
            sendBuffer = arena.allocate(bytes.length, 8);
        }
        MemorySegment.copy(bytes, 0, sendBuffer, ValueLayout.JAVA_BYTE, 0, bytes.length);
        Libc.sendto(fd, sendBuffer, bytes.length, 0, kernelAddress);
    }

    /**
     * Receives one datagram (waiting up to the timeout) and decodes its messages. Used by
     * {@link #request}/{@link #dump}, and directly by listeners of multicast notifications.
     */
    public List<NetlinkMessage> receive(Duration wait) {
        if (!Libc.pollIn(fd, (int) Math.min(Integer.MAX_VALUE, wait.toMillis()))) {
            return List.of();
        }
        return decodeNext();
    }

    /**
     * One reply datagram for a request: a blocking receive (SO_RCVTIMEO bounds it) straight into the
     * receive buffer. The kernel caps a dump's datagrams at 32 KiB and the buffer starts at 64 KiB; a
     * datagram that still did not fit (MSG_TRUNC tells its real size) grows the buffer and is reported.
     */
    private List<NetlinkMessage> receiveDatagram(java.util.function.Supplier<String> description) {
        long n;
        try {
            n = Libc.recvfrom(fd, receiveBuffer, receiveBuffer.byteSize(), SocketConstants.MSG_TRUNC,
                    MemorySegment.NULL, MemorySegment.NULL);
        } catch (ErrnoException e) {
            if (e.is(Errno.EAGAIN)) {
                throw new NetlinkTimeoutException(description.get() + ": no answer from the kernel within " + timeout.toMillis() + " ms");
            }
            throw e;
        }
        if (n > receiveBuffer.byteSize()) {
            long had = receiveBuffer.byteSize();
            receiveBuffer = arena.allocate(Netlink.align((int) n), 8);
            throw new NetlinkDecodeException(description.get() + ": a netlink reply of " + n + " bytes did not fit the "
                    + had + "-byte receive buffer (now " + receiveBuffer.byteSize() + " bytes); repeat the request");
        }
        ByteBuffer datagram = receiveBuffer.asSlice(0, n).asByteBuffer().order(ByteOrder.nativeOrder());
        return NetlinkMessage.decodeAll(datagram);
    }

    private List<NetlinkMessage> decodeNext() {
        long size = Libc.recvfrom(fd, receiveBuffer, receiveBuffer.byteSize(),
                SocketConstants.MSG_PEEK | SocketConstants.MSG_TRUNC, MemorySegment.NULL, MemorySegment.NULL);
        if (size > receiveBuffer.byteSize()) {
            receiveBuffer = arena.allocate(Netlink.align((int) size), 8);
        }
        long n = Libc.recvfrom(fd, receiveBuffer, receiveBuffer.byteSize(), 0, MemorySegment.NULL, MemorySegment.NULL);
        ByteBuffer datagram = receiveBuffer.asSlice(0, n).asByteBuffer().order(ByteOrder.nativeOrder());
        return NetlinkMessage.decodeAll(datagram);
    }

    /** The (positive) errno of an NLMSG_ERROR message; 0 for an acknowledgement. */
    public static int errorCode(NetlinkMessage error) {
        ByteBuffer p = error.payloadBuffer();
        if (p.remaining() < 4) {
            throw new NetlinkDecodeException("NLMSG_ERROR too short: " + p.remaining() + " bytes");
        }
        return -p.getInt();
    }

    /** The kernel's extended-ack message (NLMSGERR_ATTR_MSG) carried by an NLMSG_ERROR, or null. */
    public static String extendedAckMessage(NetlinkMessage error) {
        if ((error.flags() & Netlink.NLM_F_ACK_TLVS) == 0) {
            return null;
        }
        ByteBuffer p = error.payloadBuffer();
        if (p.remaining() < 4 + NetlinkHeader.SIZE) {
            return null;
        }
        p.position(4);
        NetlinkHeader original = NetlinkHeader.decode(p);
        int tlvStart = (error.flags() & Netlink.NLM_F_CAPPED) != 0
                ? 4 + NetlinkHeader.SIZE
                : 4 + Netlink.align(original.length());
        if (tlvStart > p.limit()) {
            return null;
        }
        p.position(tlvStart);
        return AttributeList.decode(p.slice()).string(Netlink.NLMSGERR_ATTR_MSG, null);
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            Libc.close(fd);
            arena.close();
        }
    }
}
