package io.javalived.vrrp.runtime;

import io.javalived.vrrp.state.Vip;

/**
 * Adds and removes virtual addresses. Both are idempotent: adding a present address or removing an absent one
 * is not an error. Failures throw {@link NetworkActionException} naming the address.
 */
public interface VipManager {
    void add(Vip vip);

    void remove(Vip vip);
}
