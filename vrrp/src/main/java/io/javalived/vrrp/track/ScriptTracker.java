package io.javalived.vrrp.track;

/**
 * A vrrp_script's up/down state from its results: the first result sets it (unless {@code init_fail} starts it
 * down), after that it goes up after {@code rise} successes in a row and down after {@code fall} failures in a row.
 */
public final class ScriptTracker {
    public enum Status { UNKNOWN, UP, DOWN }

    private final int rise;
    private final int fall;
    private Status status;
    private int streak;

    public ScriptTracker(int rise, int fall, boolean initFail) {
        if (rise < 1 || fall < 1) throw new IllegalArgumentException("rise and fall must be at least 1");
        this.rise = rise;
        this.fall = fall;
        this.status = initFail ? Status.DOWN : Status.UNKNOWN;
    }

    public Status status() {
        return status;
    }

    /** Records one run's result (a timeout counts as failure); returns true if the status changed. */
    public boolean record(boolean success) {
        Status before = status;
        if (status == Status.UNKNOWN) {
            status = success ? Status.UP : Status.DOWN;
            streak = 0;
            return true;
        }
        if ((status == Status.UP) == success) {
            streak = 0;
            return false;
        }
        streak++;
        if (success && streak >= rise) {
            status = Status.UP;
            streak = 0;
        } else if (!success && streak >= fall) {
            status = Status.DOWN;
            streak = 0;
        }
        return status != before;
    }
}
