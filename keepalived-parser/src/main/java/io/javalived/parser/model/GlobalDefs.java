package io.javalived.parser.model;

import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * {@code global_defs}, with keepalived's defaults resolved (reference 1.3). Keywords the product does not
 * interpret are kept, in file order, in {@code other}.
 *
 * @param routerId              {@code router_id}; default: the host name
 * @param notificationEmail     {@code notification_email { ... }}
 * @param notificationEmailFrom default {@code keepalived@<host name>}
 * @param smtpServer            {@code smtp_server IP [port]} (port 25)
 * @param smtpHeloName          default: the host name
 * @param smtpConnectTimeout    default 30 s
 * @param scriptUser            {@code script_user user [[:]group]}; empty means keepalived_script, else root
 * @param scriptGroup           the group word of {@code script_user} (leading ':' removed); empty: the user's group
 * @param enableScriptSecurity  {@code enable_script_security}
 * @param vrrpVersion           {@code vrrp_version}, default 2 (IPv6 instances always use 3)
 * @param vrrpMcastGroup4       default 224.0.0.18
 * @param vrrpMcastGroup6       default ff02::12
 * @param vrrpGarp              {@code vrrp_garp_*} / {@code vrrp_gna_interval}, defaults in {@link GarpSettings}
 * @param vrrpMinGarp           {@code vrrp_min_garp}: one GARP, no second batch
 * @param vrrpDownTimerAdverts  default 3
 * @param vrrpLowerPrioNoAdvert default false
 * @param vrrpHigherPrioSendAdvert default false
 * @param vrrpCheckUnicastSrc   {@code vrrp_check_unicast_src}
 * @param vrrpSkipCheckAdvAddr  {@code vrrp_skip_check_adv_addr}
 * @param vrrpStrict            {@code vrrp_strict}
 * @param v3ChecksumAsV2        {@code v3_checksum_as_v2}
 * @param vrrpStartupDelay      {@code vrrp_startup_delay}, default 0
 * @param logUnknownVrids       {@code log_unknown_vrids}
 * @param vmacPrefix            default "vrrp"
 * @param defaultInterface      default "eth0"
 * @param dynamicInterfaces     {@code dynamic_interfaces}
 * @param lvsTimeouts           {@code lvs_timeouts [tcp S] [tcpfin S] [udp S]} (empty = keep the kernel's)
 * @param lvsFlush              {@code lvs_flush}
 * @param lvsFlushOnStop        {@code lvs_flush_on_stop [VS]} ({@code lvs_flush_onstop} deprecated); DISABLED when unset
 * @param lvsSyncDaemon         {@code lvs_sync_daemon ...} kept as written
 * @param notifyFifo            {@code notify_fifo NAME}
 * @param vrrpNotifyFifo        {@code vrrp_notify_fifo NAME}
 * @param lvsNotifyFifo         {@code lvs_notify_fifo NAME}
 * @param maxAutoPriority       {@code max_auto_priority}, default 0 (off)
 * @param other                 every other recognised global_defs keyword, as written
 * @param keywordLocations      where each keyword of global_defs was written
 * @param startupScript         {@code startup_script} (run before VRRP and the checkers start)
 * @param shutdownScript        {@code shutdown_script} (run after they stopped)
 */
public record GlobalDefs(
        String routerId,
        List<String> notificationEmail,
        String notificationEmailFrom,
        Optional<SmtpServer> smtpServer,
        String smtpHeloName,
        Duration smtpConnectTimeout,
        Optional<String> scriptUser,
        Optional<String> scriptGroup,
        boolean enableScriptSecurity,
        int vrrpVersion,
        InetAddress vrrpMcastGroup4,
        InetAddress vrrpMcastGroup6,
        GarpSettings vrrpGarp,
        boolean vrrpMinGarp,
        int vrrpDownTimerAdverts,
        boolean vrrpLowerPrioNoAdvert,
        boolean vrrpHigherPrioSendAdvert,
        boolean vrrpCheckUnicastSrc,
        boolean vrrpSkipCheckAdvAddr,
        boolean vrrpStrict,
        boolean v3ChecksumAsV2,
        Duration vrrpStartupDelay,
        boolean logUnknownVrids,
        String vmacPrefix,
        String defaultInterface,
        boolean dynamicInterfaces,
        Optional<LvsTimeouts> lvsTimeouts,
        boolean lvsFlush,
        LvsFlushOnStop lvsFlushOnStop,
        Optional<RawValue> lvsSyncDaemon,
        Optional<String> notifyFifo,
        Optional<String> vrrpNotifyFifo,
        Optional<String> lvsNotifyFifo,
        int maxAutoPriority,
        List<RawValue> other,
        SourceLocation location,
        KeywordLocations keywordLocations,
        Optional<StartStopScript> startupScript,
        Optional<StartStopScript> shutdownScript) {

    public GlobalDefs {
        notificationEmail = List.copyOf(notificationEmail);
        other = List.copyOf(other);
    }

    /** Where {@code keyword} was written in global_defs (the first of the given spellings found), if it was. */
    public Optional<SourceLocation> lineOf(String... keyword) {
        for (String k : keyword) {
            Optional<SourceLocation> at = keywordLocations.of(k);
            if (at.isPresent()) {
                return at;
            }
        }
        return Optional.empty();
    }

    /** {@code smtp_server IP [port]}; port defaults to 25. The host is kept as written (an address or a name). */
    public record SmtpServer(String host, int port) {}

    /** {@code lvs_timeouts}: seconds; empty means "keep the kernel's value". */
    public record LvsTimeouts(Optional<Duration> tcp, Optional<Duration> tcpFin, Optional<Duration> udp) {}
}
