package io.javalived.parser.model;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * {@code virtual_server IP PORT | fwmark N | group NAME { ... }} with keepalived's defaults resolved
 * (reference 1.7 and 7). The VS-level checker settings are defaults for the real servers, whose values are
 * defaults for their checkers; the resolved values are on each checker.
 *
 * @param protocol              unset on an address VS: UDP (with a warning), as keepalived
 * @param scheduler             {@code lvs_sched}/{@code lb_algo}; unset: wlc (with a warning)
 * @param method                {@code lvs_method}/{@code lb_kind}; unset: NAT (with a warning)
 * @param persistenceTimeout    empty = not persistent; bare keyword = 360 s; port 0 forces 360 s
 * @param persistenceGranularity netmask or /len as written
 * @param persistenceEngine     e.g. "sip"
 * @param schedulerFlags        {@code flag-1..3, sh-port, sh-fallback, mh-port, mh-fallback, ops, hashed}
 * @param delayLoop             default 60 s
 * @param connectTimeout        default 5 s (checker default)
 * @param warmup                default = delayLoop
 * @param inhibitOnFailure      default false
 * @param alpha                 default false
 * @param omega                 default false
 * @param quorum                default 1
 * @param hysteresis            default 0
 * @param weight                default real-server weight, 1
 * @param haSuspend             {@code ha_suspend}
 * @param smtpAlert             {@code smtp_alert}
 * @param virtualhost           default HTTP Host for checkers
 * @param ipFamily              {@code ip_family}, or the address's family
 * @param announce              javalived's {@code javalived_announce}: the address is announced to the routing daemon
 *                              while the virtual server has quorum (empty: never)
 */
public record VirtualServer(
        VirtualServerAddress address,
        ServiceProtocol protocol,
        String scheduler,
        LvsMethod method,
        Optional<Duration> persistenceTimeout,
        Optional<String> persistenceGranularity,
        Optional<String> persistenceEngine,
        List<String> schedulerFlags,
        Duration delayLoop,
        Duration connectTimeout,
        Duration warmup,
        boolean inhibitOnFailure,
        boolean alpha,
        boolean omega,
        long quorum,
        long hysteresis,
        Optional<ScriptCommand> quorumUp,
        Optional<ScriptCommand> quorumDown,
        int weight,
        boolean haSuspend,
        boolean smtpAlert,
        Optional<String> virtualhost,
        Optional<SorryServer> sorryServer,
        InetFamily ipFamily,
        Optional<AnycastAnnounce> announce,
        List<RealServer> realServers,
        List<RawValue> other,
        SourceLocation location) {

    public VirtualServer {
        schedulerFlags = List.copyOf(schedulerFlags);
        realServers = List.copyOf(realServers);
        other = List.copyOf(other);
    }

    /** The same virtual server with another smtp_alert and real servers (the global default applied after resolution). */
    public VirtualServer withSmtpAlert(boolean on, List<RealServer> reals) {
        return new VirtualServer(address, protocol, scheduler, method, persistenceTimeout, persistenceGranularity,
                persistenceEngine, schedulerFlags, delayLoop, connectTimeout, warmup, inhibitOnFailure, alpha, omega, quorum,
                hysteresis, quorumUp, quorumDown, weight, haSuspend, on, virtualhost, sorryServer, ipFamily, announce, reals, other,
                location);
    }
}
