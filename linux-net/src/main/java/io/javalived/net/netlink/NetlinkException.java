package io.javalived.net.netlink;

import io.javalived.net.ffm.ErrnoException;

/**
 * The kernel answered a netlink request with NLMSG_ERROR. The message names the request, the errno
 * symbolically and, when the kernel sent one (extended ack), its own explanation.
 */
public final class NetlinkException extends ErrnoException {
    private final String kernelMessage;

    public NetlinkException(String request, int errno, String kernelMessage) {
        super(request, errno, kernelMessage);
        this.kernelMessage = kernelMessage;
    }

    /** The kernel's extended-ack text, or null. */
    public String kernelMessage() {
        return kernelMessage;
    }
}
