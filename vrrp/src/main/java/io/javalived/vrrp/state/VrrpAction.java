package io.javalived.vrrp.state;

import java.util.List;

/** What the state machine asks the outside world to do, in order. */
public sealed interface VrrpAction {

    /** Send one advert at this priority (0 = leaving). */
    record SendAdvert(int priority) implements VrrpAction {}

    /**
     * Configure these virtual addresses: every one of the instance's on becoming MASTER, only the new ones when a
     * reload changed a MASTER's list ({@code byReload}).
     */
    record AddVips(List<Vip> vips, boolean byReload) implements VrrpAction {
        public AddVips {
            vips = List.copyOf(vips);
        }

        public AddVips(List<Vip> vips) {
            this(vips, false);
        }
    }

    /**
     * Remove these virtual addresses: every one of the instance's on leaving MASTER (and at start, in case a
     * previous run left them), only the dropped ones when a reload changed a MASTER's list ({@code byReload}).
     */
    record RemoveVips(List<Vip> vips, boolean byReload) implements VrrpAction {
        public RemoveVips {
            vips = List.copyOf(vips);
        }

        public RemoveVips(List<Vip> vips) {
            this(vips, false);
        }
    }

    /**
     * A MASTER's reload from {@code before} to {@code after}: the dropped VIPs removed, the new ones added and
     * announced ({@code garpRepeat} each, none for 0), the kept ones untouched.
     */
    static List<VrrpAction> vipsReloaded(List<Vip> before, List<Vip> after, int garpRepeat) {
        List<Vip> gone = before.stream().filter(v -> !after.contains(v)).toList();
        List<Vip> added = after.stream().filter(v -> !before.contains(v)).toList();
        List<VrrpAction> out = new java.util.ArrayList<>(3);
        if (!gone.isEmpty()) out.add(new RemoveVips(gone, true));
        if (!added.isEmpty()) out.add(new AddVips(added, true));
        if (!added.isEmpty() && garpRepeat > 0) out.add(new SendGarps(garpRepeat, added));
        return List.copyOf(out);
    }

    /** One batch of gratuitous ARPs / unsolicited NAs: {@code repeat} for each of {@code vips}. */
    record SendGarps(int repeat, List<Vip> vips) implements VrrpAction {
        public SendGarps {
            vips = List.copyOf(vips);
        }
    }

    /**
     * A MASTER puts back a VIP deleted from outside: add it again and announce it ({@code garpRepeat} GARPs/NAs, none
     * for 0). No state change, no advert, no notify. {@code repeatNote} is empty for a first restore, else what the
     * rate limit did ("deleted again 0.2 s after its restore: restored after a 1 s wait").
     */
    record RestoreVip(Vip vip, int garpRepeat, String repeatNote) implements VrrpAction {}

    /** A deleted VIP's restore waits for the rate limit (it keeps being deleted): the log says when it comes. */
    record RestoreDeferred(Vip vip, long inNanos) implements VrrpAction {}

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
