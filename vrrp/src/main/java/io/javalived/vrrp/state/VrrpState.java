package io.javalived.vrrp.state;

/** keepalived's instance states (INIT 0, BACKUP 1, MASTER 2, FAULT 3) plus STOP for shutdown notifies. */
public enum VrrpState {
    INIT, BACKUP, MASTER, FAULT, STOP
}
