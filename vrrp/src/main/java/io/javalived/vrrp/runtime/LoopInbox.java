package io.javalived.vrrp.runtime;

/** What an instance's own threads (its receive thread, link and script trackers) hand to the loop thread. */
interface LoopInbox {
    /** The instance's {@link AdvertMailbox} went from empty to holding adverts: the loop takes them all, once. */
    void advertsWaiting(RunningInstance instance);

    /** A tracker changed: the loop recomputes the instance's health and tells its state machine if it moved. */
    void trackersChanged(RunningInstance instance);

    /**
     * The kernel removed {@code address} from an interface: each instance with a VIP of that address that is no
     * longer present hears {@link VrrpEvent.VipMissing} (a MASTER puts it back).
     */
    void addressRemoved(java.net.InetAddress address);
}
