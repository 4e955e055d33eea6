package io.javalived.vrrp.runtime;

import io.javalived.vrrp.track.TrackerWeight;
import java.time.Duration;
import java.util.List;

/** A track_script entry joined with its vrrp_script. */
public record ScriptTrack(String name, List<String> argv, Duration interval, Duration timeout, TrackerWeight weight,
                          int rise, int fall, boolean initFail) {
    public ScriptTrack {
        argv = List.copyOf(argv);
    }
}
