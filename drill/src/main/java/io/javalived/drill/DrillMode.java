package io.javalived.drill;

/** How the drill takes the master down. */
public enum DrillMode {
    /** SIGKILL to the master daemon's whole process group: a crash, nothing cleans up (the VIP stays configured). */
    KILL("kill -9 of the master's process group", "KILL"),
    /** SIGTERM: a graceful stop (priority-0 advert, VIPs removed). */
    STOP("SIGTERM to the master (graceful stop)", "TERM");

    private final String description;
    private final String signal;

    DrillMode(String description, String signal) {
        this.description = description;
        this.signal = signal;
    }

    public String description() {
        return description;
    }

    /** The signal's name, as kill(1) spells it. */
    public String signal() {
        return signal;
    }
}
