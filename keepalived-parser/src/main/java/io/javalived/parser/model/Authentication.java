package io.javalived.parser.model;

/**
 * {@code authentication { auth_type PASS|AH; auth_pass X }} (VRRPv2 over IPv4 only; deprecated by
 * RFC 3768 but kept). {@code password} is already truncated to 8 bytes as keepalived does.
 */
public record Authentication(AuthMethod type, String password, SourceLocation location) {}
