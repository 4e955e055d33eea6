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
}
