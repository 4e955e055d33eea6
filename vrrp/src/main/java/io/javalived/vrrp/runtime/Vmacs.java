package io.javalived.vrrp.runtime;

import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * An instance's VMAC interfaces: its own ({@code use_vmac}: its VIPs live there and, unless {@code xmitBase},
 * its adverts leave from there with the virtual MAC), and those made for VIPs on other interfaces or of the
 * other family ({@code use_vmac_addr}, or {@code use_vmac} on the VIP).
 *
 * @param xmitBase {@code vmac_xmit_base}: adverts are sent and received on the base interface
 */
public record Vmacs(Optional<Vmac> instance, List<Vmac> extra, boolean xmitBase) {
    public static final Vmacs NONE = new Vmacs(Optional.empty(), List.of(), false);

    public Vmacs {
        extra = List.copyOf(extra);
    }

    /** Every VMAC, the instance's first. */
    public List<Vmac> all() {
        return Stream.concat(instance.stream(), extra.stream()).toList();
    }

    /** The interface adverts are sent and received on: the instance's VMAC unless xmitBase, else {@code base}. */
    public String advertInterface(String base) {
        return instance.filter(v -> !xmitBase).map(Vmac::name).orElse(base);
    }
}
