package io.javalived.ipvs;

import java.util.EnumSet;
import java.util.Set;

/**
 * Virtual service flags ({@code IP_VS_SVC_F_*}). PERSISTENT follows from the persistence timeout and
 * HASHED is the kernel's own bookkeeping: {@link VirtualService} keeps neither in its flag set.
 */
public enum ServiceFlag {
    PERSISTENT(0x1), HASHED(0x2), ONE_PACKET(0x4), SCHED1(0x8), SCHED2(0x10), SCHED3(0x20);

    private final int bit;

    ServiceFlag(int bit) {
        this.bit = bit;
    }

    public int bit() {
        return bit;
    }

    public static int toBits(Set<ServiceFlag> flags) {
        int bits = 0;
        for (ServiceFlag f : flags) {
            bits |= f.bit;
        }
        return bits;
    }

    public static Set<ServiceFlag> fromBits(int bits) {
        EnumSet<ServiceFlag> set = EnumSet.noneOf(ServiceFlag.class);
        for (ServiceFlag f : values()) {
            if ((bits & f.bit) != 0) {
                set.add(f);
            }
        }
        return set;
    }
}
