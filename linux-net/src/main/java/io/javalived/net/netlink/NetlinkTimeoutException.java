package io.javalived.net.netlink;

import io.javalived.net.ffm.NativeException;

/** No (complete) answer to a netlink request arrived in time. */
public final class NetlinkTimeoutException extends NativeException {
    public NetlinkTimeoutException(String message) {
        super(message);
    }
}
