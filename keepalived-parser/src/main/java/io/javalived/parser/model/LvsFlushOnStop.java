package io.javalived.parser.model;

/**
 * {@code lvs_flush_on_stop [VS]} (global_defs): what the checkers do with the IPVS table at stop (keepalived's
 * words in its configuration dump: disabled, full, VS).
 */
public enum LvsFlushOnStop {
    /** Not set: delete each real server and virtual server this process created. */
    DISABLED,
    /** {@code lvs_flush_on_stop}: flush the whole IPVS table, whoever created what is in it. */
    FULL,
    /** {@code lvs_flush_on_stop VS}: delete each virtual server this process created, without deleting its real servers first. */
    VS
}
