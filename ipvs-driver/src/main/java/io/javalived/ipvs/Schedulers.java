package io.javalived.ipvs;

import java.util.Set;

/** The scheduler modules a stock Linux kernel ships (ip_vs_NAME.ko), plus "none". */
public final class Schedulers {
    private Schedulers() {}

    public static final Set<String> LINUX = Set.of("rr", "wrr", "lc", "wlc", "lblc", "lblcr", "dh", "sh", "sed",
            "nq", "fo", "ovf", "mh", "twos");

    /** Persistence engines a stock kernel ships (ip_vs_pe_NAME.ko). */
    public static final Set<String> PERSISTENCE_ENGINES = Set.of("sip");

    /** The scheduler ipvsadm uses when none is given. */
    public static final String DEFAULT = "wlc";
}
