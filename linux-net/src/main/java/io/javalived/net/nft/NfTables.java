package io.javalived.net.nft;

import io.javalived.net.ffm.Errno;
import io.javalived.net.netlink.NetlinkException;
import io.javalived.net.netlink.NetlinkSocket;

/**
 * nf_tables through NETLINK_NETFILTER: {@link #commit} sends an {@link NftBatch} as one transaction and
 * throws the kernel's first refusal ({@link NetlinkException} naming the change, the errno and the
 * kernel's extended-ack text).
 */
public final class NfTables implements AutoCloseable {
    static final int NETLINK_NETFILTER = 12;

    private final NetlinkSocket socket;

    private NfTables(NetlinkSocket socket) {
        this.socket = socket;
    }

    public static NfTables open() {
        return new NfTables(NetlinkSocket.open(NETLINK_NETFILTER));
    }

    /** Applies the batch: all of it, or nothing and a {@link NetlinkException}. */
    public void commit(NftBatch batch) {
        if (batch.isEmpty()) return;
        socket.batch(batch.framed(), batch::describe);
    }

    /** Deletes a table and everything in it; false when there was none. */
    public boolean deleteTableIfPresent(int family, String name) {
        try {
            commit(new NftBatch().deleteTable(family, name));
            return true;
        } catch (NetlinkException e) {
            if (e.is(Errno.ENOENT)) return false;
            throw e;
        }
    }

    @Override
    public void close() {
        socket.close();
    }
}
