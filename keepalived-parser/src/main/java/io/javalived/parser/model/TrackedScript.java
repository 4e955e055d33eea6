package io.javalived.parser.model;

/**
 * A {@code track_script} entry: {@code SCRIPT [weight N [reverse|noreverse]]}. {@code weight} and
 * {@code reverse} are resolved: the entry's own when given, else the {@code vrrp_script}'s.
 */
public record TrackedScript(String name, int weight, boolean reverse, SourceLocation location) {}
