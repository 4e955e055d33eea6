package io.javalived.vrrp.state;

/** What the state machine asks the outside world to do, in order. */
public sealed interface VrrpAction {

    /** Send one advert at this priority (0 = leaving). */
    record SendAdvert(int priority) implements VrrpAction {}

    /** Configure the virtual addresses. */
    record AddVips() implements VrrpAction {}

    /** Remove the virtual addresses. */
    record RemoveVips() implements VrrpAction {}

    /** One batch of gratuitous ARPs / unsolicited NAs: {@code repeat} per VIP. */
    record SendGarps(int repeat) implements VrrpAction {}

    /** The state changed; the reason names the cause for the log and notifies follow. */
    record StateChanged(VrrpState from, VrrpState to, String reason) implements VrrpAction {}

    /** "Changing effective priority from X to Y". */
    record PriorityChanged(int from, int to) implements VrrpAction {}

    /** The down timer expired in a sync group: this member wants MASTER and waits for the others. */
    record WantMaster() implements VrrpAction {}

    /**
     * As MASTER, an advert with a lower priority (or the same priority from a lower address) arrived: keepalived's
     * MASTER_RX_LOWER_PRI event (log, {@code notify_master_rx_lower_pri}, FIFO line).
     */
    record MasterRxLowerPriority(java.net.InetAddress source, int priority) implements VrrpAction {}

    /** Started, but a weight-0 vrrp_script has not reported yet: the instance waits in INIT. */
    record WaitInInit(String reason) implements VrrpAction {}
}
