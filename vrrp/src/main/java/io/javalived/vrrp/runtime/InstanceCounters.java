package io.javalived.vrrp.runtime;

import io.javalived.vrrp.receive.ReceiveStatistics;
import io.javalived.vrrp.state.VrrpState;
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

    InstanceStatus status(InstanceConfig c, PerformedState p) {
        Map<String, Long> rejected = new LinkedHashMap<>();
        received.rejections().forEach((k, v) -> {
            if (v > 0) rejected.put(k.name(), v);
        });
        return new InstanceStatus(c.name(), c.settings().vrid(), p.state(), p.priority(),
                p.master() == null ? "" : p.master().getHostAddress(), sent.get(), received.received(),
                priorityZeroSent.get(), becameMaster.get(), releasedMaster.get(), rejected);
    }
}
