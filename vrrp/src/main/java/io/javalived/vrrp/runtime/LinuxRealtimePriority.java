package io.javalived.vrrp.runtime;

import io.javalived.net.ffm.ErrnoException;
import io.javalived.net.sched.RealtimeScheduling;

/** {@link RealtimePriority} through sched_setscheduler(2) on the calling thread (linux-net's {@link RealtimeScheduling}). */
final class LinuxRealtimePriority implements RealtimePriority {
    @Override
    public int min() {
        return RealtimeScheduling.roundRobinMin();
    }

    @Override
    public int max() {
        return RealtimeScheduling.roundRobinMax();
    }

    @Override
    public void raiseCurrentThread(int priority) {
        try {
            RealtimeScheduling.roundRobin(RealtimeScheduling.currentThreadId(), priority);
        } catch (ErrnoException e) {
            throw new NetworkActionException(e.getMessage(), e);
        }
    }

    @Override
    public void preciseTimers() {
        try {
            RealtimeScheduling.timerSlack(1);
        } catch (ErrnoException e) {
            throw new NetworkActionException(e.getMessage(), e);
        }
    }
}
