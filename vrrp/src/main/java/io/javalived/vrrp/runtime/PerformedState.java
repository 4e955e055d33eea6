package io.javalived.vrrp.runtime;

import io.javalived.vrrp.state.VrrpState;
import java.net.InetAddress;

/**
 * An instance as the engine last performed it: replaced (never changed) on the loop thread by a state or
 * priority change, read by status from any thread.
 *
 * @param master         the master the instance knew at its latest state change; null before one is known
 * @param lastTransition null before the first state change
 */
record PerformedState(VrrpState state, int priority, InetAddress master, StateTransition lastTransition) {
    static PerformedState initial(int basePriority) {
        return new PerformedState(VrrpState.INIT, basePriority, null, null);
    }

    PerformedState entered(StateTransition t, InetAddress newMaster) {
        return new PerformedState(t.to(), priority, newMaster, t);
    }

    PerformedState withPriority(int p) {
        return new PerformedState(state, p, master, lastTransition);
    }
}
