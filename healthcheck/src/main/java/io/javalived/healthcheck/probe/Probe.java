package io.javalived.healthcheck.probe;

/**
 * What one checker does to one real server, fully resolved (addresses, timeouts, defaults applied).
 * Records, so two identical checks compare equal and can share one run.
 */
public sealed interface Probe permits TcpProbe, HttpProbe, MiscProbe, UdpProbe, PingProbe, SmtpProbe, DnsProbe {

    /** keepalived's name for the checker kind (TCP_CHECK, HTTP_GET, ...). */
    String kind();

    /** The target, for logs. */
    String describe();
}
