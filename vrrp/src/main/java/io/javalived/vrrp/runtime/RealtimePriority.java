package io.javalived.vrrp.runtime;

/**
 * The scheduling of the thread that runs VRRP: keepalived's {@code max_auto_priority} puts it under SCHED_RR when
 * its timers run late. The Linux one calls sched_setscheduler(2) on the calling thread; the in-memory twin records.
 */
public interface RealtimePriority {
    /** The lowest SCHED_RR priority (1 on Linux). */
    int min();

    /** The highest SCHED_RR priority (99 on Linux). */
    int max();

    /**
     * Puts the calling thread under SCHED_RR at {@code priority}.
     *
     * @throws NetworkActionException when the kernel refuses (no CAP_SYS_NICE, an RT limit)
     */
    void raiseCurrentThread(int priority);

    /**
     * Lets the calling thread's timed sleeps end when asked: the kernel's timer slack (50 us by default, which it may
     * add to a sleep to batch wake-ups) set to 1 ns, as for the VRRP loop, whose sleeps end at the next advert.
     *
     * @throws NetworkActionException when the kernel refuses
     */
    void preciseTimers();
}
