package io.javalived.vrrp.receive;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLongArray;

/** Per-instance receive counters: adverts received, each rejection by reason, each notice. Thread-safe. */
public final class ReceiveStatistics {
    private final AtomicLongArray rejected = new AtomicLongArray(RejectReason.values().length);
    private final AtomicLongArray noticed = new AtomicLongArray(Notice.values().length);
    private final java.util.concurrent.atomic.AtomicLong received = new java.util.concurrent.atomic.AtomicLong();

    /** Counts one reception; a source rejection still counts as received, as keepalived counts it before that check. */
    public void record(Reception r) {
        switch (r) {
            case Reception.Accepted a -> {
                received.incrementAndGet();
                a.notices().forEach(n -> noticed.incrementAndGet(n.ordinal()));
            }
            case Reception.Rejected x -> {
                rejected.incrementAndGet(x.reason().ordinal());
                if (x.reason() == RejectReason.UNKNOWN_UNICAST_SOURCE) {
                    received.incrementAndGet();
                }
            }
        }
    }

    public long received() {
        return received.get();
    }

    public long rejected(RejectReason r) {
        return rejected.get(r.ordinal());
    }

    public long noticed(Notice n) {
        return noticed.get(n.ordinal());
    }

    public long rejectedTotal() {
        long t = 0;
        for (int i = 0; i < rejected.length(); i++) t += rejected.get(i);
        return t;
    }

    public Map<RejectReason, Long> rejections() {
        Map<RejectReason, Long> m = new EnumMap<>(RejectReason.class);
        for (RejectReason r : RejectReason.values()) m.put(r, rejected(r));
        return m;
    }
}
