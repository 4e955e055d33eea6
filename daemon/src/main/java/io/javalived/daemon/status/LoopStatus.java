package io.javalived.daemon.status;

/**
 * How long ago a checker-side loop last proved it turns ({@code checker}: the checks' timers and results;
 * {@code reconciler}: kernel calls). A running loop stays below half a second; a blocked one grows.
 */
public record LoopStatus(String loop, double stallSeconds) {}
