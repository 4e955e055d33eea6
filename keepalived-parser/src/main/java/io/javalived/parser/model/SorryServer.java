package io.javalived.parser.model;

import java.net.InetAddress;

/** {@code sorry_server IP [port]}: swapped in when the virtual server loses quorum. Port defaults to the VS port. */
public record SorryServer(InetAddress address, int port, LvsMethod method, boolean inhibit, SourceLocation location) {}
