package io.javalived.vrrp.runtime;

import io.javalived.vrrp.track.ProcessPattern;
import io.javalived.vrrp.track.TrackerWeight;
import java.time.Duration;

/**
 * A track_process entry joined with its vrrp_track_process block: the processes counted, the weight, the quorum
 * (up while quorum <= count <= quorumMax) and the delays before a gained ({@code fork_delay}) or lost
 * ({@code terminate_delay}) quorum counts.
 */
public record ProcessTrack(String name, ProcessPattern pattern, TrackerWeight weight, int quorum, long quorumMax,
                           Duration forkDelay, Duration terminateDelay) {
    public boolean quorum(int count) {
        return count >= quorum && count <= quorumMax;
    }
}
