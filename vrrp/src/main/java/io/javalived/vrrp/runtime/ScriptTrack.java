package io.javalived.vrrp.runtime;

import io.javalived.vrrp.track.TrackerWeight;
import java.time.Duration;
import io.javalived.scripts.Script;
import java.util.List;

/** A track_script entry joined with its vrrp_script. */
public record ScriptTrack(String name, Script script, Duration interval, Duration timeout, TrackerWeight weight,
                          int rise, int fall, boolean initFail) {

    /** A script that runs as the daemon's own user (tests). */
    public ScriptTrack(String name, List<String> argv, Duration interval, Duration timeout, TrackerWeight weight,
                       int rise, int fall, boolean initFail) {
        this(name, Script.asDaemon(argv), interval, timeout, weight, rise, fall, initFail);
    }
}
