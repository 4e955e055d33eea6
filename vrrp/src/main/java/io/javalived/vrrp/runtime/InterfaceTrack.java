package io.javalived.vrrp.runtime;

import io.javalived.vrrp.track.TrackerWeight;

/** A track_interface entry (the instance's own interface is tracked with weight 0 unless dont_track_primary). */
public record InterfaceTrack(String name, TrackerWeight weight) {}
