package io.javalived.vrrp.state;

/** A sync group as a whole entered a state: its notify scripts fire once for it. */
public record GroupStateChanged(String group, VrrpState state) {}
