package io.javalived.parser.model;

/**
 * A {@code track_interface} entry: {@code IF [weight N [reverse]]}. Weight 0 (the default) means the
 * instance goes FAULT while the interface is down; range -253..253.
 */
public record TrackedInterface(String name, int weight, boolean reverse, SourceLocation location) {}
