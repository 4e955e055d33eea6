package io.javalived.ipvs;

/** The kernel has no IPVS (the generic netlink family "IPVS" does not resolve). */
public final class IpvsUnavailableException extends RuntimeException {
    public static final String MESSAGE =
            "this kernel has no IPVS: generic netlink family IPVS not found; load the ip_vs module";

    public IpvsUnavailableException() {
        super(MESSAGE, null, false, false);
    }
}
