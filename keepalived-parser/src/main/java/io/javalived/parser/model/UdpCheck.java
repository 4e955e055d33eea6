package io.javalived.parser.model;

import java.util.Optional;

/**
 * {@code UDP_CHECK}.
 *
 * @param payload        {@code payload HEX}, as written
 * @param requireReply   {@code require_reply [HEX]} (X as wildcard nibble); empty = any reply or none
 * @param minReplyLength default 0
 * @param maxReplyLength default 255
 */
public record UdpCheck(CheckerSettings settings, Optional<String> payload, Optional<String> requireReply,
                       int minReplyLength, int maxReplyLength, SourceLocation location) implements ScheduledChecker {
    @Override
    public CheckerKind kind() {
        return CheckerKind.UDP_CHECK;
    }
}
