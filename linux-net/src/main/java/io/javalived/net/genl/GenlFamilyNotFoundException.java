package io.javalived.net.genl;

import io.javalived.net.ffm.NativeException;

/** The kernel has no generic netlink family of that name (module not loaded or not built). */
public final class GenlFamilyNotFoundException extends NativeException {
    private final String family;

    public GenlFamilyNotFoundException(String family) {
        super("generic netlink family " + family + " not found");
        this.family = family;
    }

    public String family() {
        return family;
    }
}
