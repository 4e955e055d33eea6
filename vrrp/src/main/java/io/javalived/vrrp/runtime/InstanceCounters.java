package io.javalived.vrrp.runtime;

import io.javalived.vrrp.receive.ReceiveStatistics;
import io.javalived.vrrp.state.Vip;
import io.javalived.vrrp.state.VrrpState;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/** One instance's counters for status and metrics: adverts sent and received (by outcome), MASTER entered and left. */
final class InstanceCounters {
    private final ReceiveStatistics received = new ReceiveStatistics();
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong priorityZeroSent = new AtomicLong();
    private final AtomicLong becameMaster = new AtomicLong();
    private final AtomicLong releasedMaster = new AtomicLong();
    private final AtomicLong vipsRestored = new AtomicLong();

    /** Adverts received, by outcome: kept by the instance's receive thread. */
    ReceiveStatistics received() {
        return received;
    }

    void advertSent(int priority) {
        sent.incrementAndGet();
        if (priority == 0) priorityZeroSent.incrementAndGet();
    }

    void stateChanged(VrrpState from, VrrpState to) {
        if (to == VrrpState.MASTER) becameMaster.incrementAndGet();
        if (from == VrrpState.MASTER) releasedMaster.incrementAndGet();
    }

    /** A VIP deleted from outside was put back. */
    void vipRestored() {
        vipsRestored.incrementAndGet();
    }

    /**
     * @param nameNow the name a configured interface has now (a rename followed)
     * @param present whether each VIP is on its interface now
     */
    InstanceStatus status(InstanceConfig c, PerformedState p, java.util.function.UnaryOperator<String> nameNow,
                          java.util.function.Predicate<Vip> present) {
        Map<String, Long> rejected = new LinkedHashMap<>();
        received.rejections().forEach((k, v) -> {
            if (v > 0) rejected.put(k.name(), v);
        });
        return new InstanceStatus(c.name(), c.settings().vrid(), p.state(), p.priority(),
                p.master() == null ? "" : p.master().getHostAddress(), sent.get(), received.received(),
                priorityZeroSent.get(), becameMaster.get(), releasedMaster.get(), rejected, nameNow.apply(c.interfaceName()),
                c.allVips().stream().filter(present).map(v -> asNow(v, nameNow)).toList(),
                p.state() == VrrpState.MASTER
                        ? c.allVips().stream().filter(present.negate()).map(v -> asNow(v, nameNow)).toList() : List.of(),
                vipsRestored.get());
    }

    /** {@code 10.0.0.3/24 dev eth9} with the interface's name as it is now. */
    private static String asNow(Vip v, java.util.function.UnaryOperator<String> nameNow) {
        return v.address().getHostAddress() + "/" + v.prefixLength() + " dev " + nameNow.apply(v.device());
    }
}
