package io.javalived.vrrp.runtime;

import io.javalived.vrrp.state.VrrpEvent;

/** What an instance's own threads (its receive thread, link and script trackers) hand to the loop thread. */
interface LoopInbox {
    /** An event for the instance's state machine (an accepted advert), dispatched on the loop in arrival order. */
    void deliver(RunningInstance instance, VrrpEvent event);

    /** A tracker changed: the loop recomputes the instance's health and tells its state machine if it moved. */
    void trackersChanged(RunningInstance instance);

    /**
     * The kernel removed {@code address} from an interface: each instance with a VIP of that address that is no
     * longer present hears {@link VrrpEvent.VipMissing} (a MASTER puts it back).
     */
    void addressRemoved(java.net.InetAddress address);
}
