package io.javalived.daemon.status;

/** A VRRP instance's state as reported, with keepalived's numbers (INIT 0, BACKUP 1, MASTER 2, FAULT 3; STOP 98). */
public enum InstanceState {
    INIT(0), BACKUP(1), MASTER(2), FAULT(3), STOP(98);

    private final int code;

    InstanceState(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }
}
