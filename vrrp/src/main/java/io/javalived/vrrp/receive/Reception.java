package io.javalived.vrrp.receive;

import io.javalived.vrrp.packet.Advert;
import java.net.InetAddress;
import java.util.Set;

/** The outcome of receiving one packet for one instance: an accepted advert, or a counted reason it was dropped. */
public sealed interface Reception {

    record Accepted(Advert advert, InetAddress source, InetAddress destination, int ttl, Set<Notice> notices)
            implements Reception {
        public Accepted {
            notices = Set.copyOf(notices);
        }
    }

    /** {@code detail} names the packet field and the values seen, for one clear log line. */
    record Rejected(RejectReason reason, String detail) implements Reception {}
}
