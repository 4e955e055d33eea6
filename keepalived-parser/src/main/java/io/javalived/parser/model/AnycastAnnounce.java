package io.javalived.parser.model;

/**
 * javalived's {@code javalived_announce} in a {@code virtual_server} (keepalived 2.2.7 reports it as an unknown
 * keyword and runs the rest): announce the virtual server's address(es) as a /32 (/128) route for the routing daemon
 * on the same host (FRR) while the virtual server has quorum; withdraw it when quorum is lost, at stop, and when
 * javalived dies. See the daemon module's README, "Anycast".
 *
 * @param location where the keyword was written
 */
public record AnycastAnnounce(SourceLocation location) {
}
