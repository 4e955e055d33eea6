package io.javalived.net.netlink;

import io.javalived.net.ffm.NativeException;

/** Bytes from the kernel (or a test) do not form a valid netlink message or attribute. */
public final class NetlinkDecodeException extends NativeException {
    public NetlinkDecodeException(String message) {
        super(message);
    }
}
