package io.javalived.vrrp.runtime;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** The in-memory twin of {@link LinuxRealtimePriority}: SCHED_RR 1-99, each raise recorded, or refused while told to. */
public final class RecordingRealtimePriority implements RealtimePriority {
    private final List<Integer> raises = new CopyOnWriteArrayList<>();
    private volatile boolean refuse;

    /** The priorities the thread was raised to, in order. */
    public List<Integer> raises() {
        return List.copyOf(raises);
    }

    /** From now on each raise is refused as the kernel refuses one without CAP_SYS_NICE. */
    public void refuse(boolean refuse) {
        this.refuse = refuse;
    }

    @Override
    public int min() {
        return 1;
    }

    @Override
    public int max() {
        return 99;
    }

    @Override
    public void raiseCurrentThread(int priority) {
        if (refuse) throw new NetworkActionException("sched_setscheduler(SCHED_RR, " + priority + "): EPERM");
        raises.add(priority);
    }

    private volatile boolean precise;

    /** Whether {@link #preciseTimers()} was called. */
    public boolean preciseTimersSet() {
        return precise;
    }

    @Override
    public void preciseTimers() {
        precise = true;
    }
}
