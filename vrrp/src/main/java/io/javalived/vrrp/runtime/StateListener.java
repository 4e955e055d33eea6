package io.javalived.vrrp.runtime;

import io.javalived.vrrp.state.VrrpState;

/**
 * Told of every state change the engine performs, after its log line and notifies were started. Called on the
 * VRRP loop thread: an implementation must return at once (hand the work to a thread of its own) and must not
 * call back into the engine.
 */
@FunctionalInterface
public interface StateListener {
    void stateChanged(String instance, VrrpState from, VrrpState to);

    /** A sync group's own state change (after its log line and notifies); same rules as {@link #stateChanged}. */
    default void groupStateChanged(String group, VrrpState to) {
    }
}
