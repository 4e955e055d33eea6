package io.javalived.vrrp.runtime;

import io.javalived.vrrp.track.ProcessPattern;
import java.util.function.IntConsumer;

/** Counts the running processes instances track (track_process). One watcher per platform, shared by every instance. */
public interface ProcessWatcher {
    /**
     * Calls {@code changed} with the number of processes {@code pattern} matches each time it changes, on the
     * watcher's thread, until the subscription is closed.
     */
    FileWatcher.Subscription follow(ProcessPattern pattern, IntConsumer changed);

    /** How many running processes {@code pattern} matches now. */
    int count(ProcessPattern pattern);
}
