package io.javalived.daemon.status;

/** A real server's health as the checkers see it: UP, DOWN, or UNKNOWN before the first result. */
public enum CheckState { UP, DOWN, UNKNOWN }
