package io.javalived.parser.model;

import java.net.InetAddress;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The settings every scheduled checker shares, resolved checker &gt; real server &gt; virtual server &gt;
 * keepalived default.
 *
 * @param connectIp        {@code connect_ip}; default the real server's address
 * @param connectPort      {@code connect_port}; default the real server's port (0 for MISC/PING)
 * @param bindTo           {@code bindto}
 * @param bindIf           {@code bind_if}
 * @param bindPort         {@code bind_port}
 * @param fwmark           {@code fwmark} on probe packets
 * @param connectTimeout   default 5 s
 * @param retry            default per checker: 1; DNS_CHECK 3; MISC_CHECK 0 ({@code nb_get_retry} is a deprecated alias)
 * @param delayBeforeRetry default per checker: 1 s; HTTP_GET/SSL_GET 3 s; DNS_CHECK = delay_loop
 * @param warmup           default = delayLoop (a random 0..warmup delay before the first check)
 * @param delayLoop        default 60 s
 * @param alpha            start the real server as down until the first success
 * @param logAllFailures   {@code log_all_failures}
 */
public record CheckerSettings(InetAddress connectIp, int connectPort, Optional<InetAddress> bindTo,
                              Optional<String> bindIf, OptionalInt bindPort, OptionalInt fwmark,
                              Duration connectTimeout, int retry, Duration delayBeforeRetry, Duration warmup,
                              Duration delayLoop, boolean alpha, boolean logAllFailures) {}
