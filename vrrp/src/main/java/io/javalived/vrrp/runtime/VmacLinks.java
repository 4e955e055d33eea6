package io.javalived.vrrp.runtime;

/** Makes and removes VMAC interfaces (the platform's macvlans). */
public interface VmacLinks {
    /**
     * Makes the VMAC exist as described, up: creates it, or takes over a private macvlan of that name left on the
     * same interface (its MAC and mode set again); a macvlan of that name on another interface is replaced.
     *
     * @throws NetworkActionException naming the interface when the base interface is missing, another kind of
     *                                interface has the name, or the kernel refuses
     */
    void create(Vmac vmac);

    /** Removes a VMAC made by {@link #create} (with the VIPs on it); one it did not make is left alone. */
    void remove(Vmac vmac);
}
