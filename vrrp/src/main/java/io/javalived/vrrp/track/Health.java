package io.javalived.vrrp.track;

/** The effective priority, or a fault naming the trackers that cause it. */
public record Health(boolean fault, int effectivePriority, String reason) {}
