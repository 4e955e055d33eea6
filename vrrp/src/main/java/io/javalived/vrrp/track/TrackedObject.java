package io.javalived.vrrp.track;

/** One tracker as it stands: its name (interface or script), weight and whether it is up. */
public record TrackedObject(String name, TrackerWeight weight, boolean up) {}
