package io.javalived.parser.model;

import java.time.Duration;

/**
 * {@code vrrp_script NAME { ... }} (reference 1.4). Exit status 0 means OK.
 *
 * @param script   {@code script "cmd args"} (required; keepalived removes a vrrp_script without one)
 * @param interval default 1 s
 * @param timeout  default = interval
 * @param weight   default 0 (0 means the instance goes FAULT while the script fails); range -253..253
 * @param reverse  {@code weight N reverse}
 * @param rise     successes needed to become OK, default 1
 * @param fall     failures needed to become KO, default 1
 * @param initFail {@code init_fail}: start in the failed state
 * @param keywordLocations where each keyword of the block was written
 */
public record VrrpScript(String name, ScriptCommand script, Duration interval, Duration timeout, int weight,
                         boolean reverse, int rise, int fall, boolean initFail, SourceLocation location,
                         KeywordLocations keywordLocations) {}
