package io.javalived.vrrp.state;

/** An action for one named instance (or, for a group notify, the group's name). */
public record Step(String instance, VrrpAction action) {}
