package io.javalived.parser.model;

import java.net.InetAddress;
import java.util.List;
import java.util.Optional;

/**
 * {@code real_server IP [PORT] { ... }} with defaults resolved from its virtual server (reference 1.7).
 *
 * @param port             default: the VS port; for DR/TUN forced to the VS port (with a warning)
 * @param weight           default: the VS {@code weight} (1)
 * @param method           default: the VS method
 * @param upperThreshold   {@code uthreshold}, 0 = none
 * @param lowerThreshold   {@code lthreshold}, 0 = none
 * @param inhibitOnFailure default: the VS value
 * @param alpha            default: the VS value
 * @param smtpAlert        default true for real servers
 * @param checkers         in file order; no checker means always up
 */
public record RealServer(InetAddress address, int port, int weight, LvsMethod method, int upperThreshold,
                         int lowerThreshold, boolean inhibitOnFailure, Optional<ScriptCommand> notifyUp,
                         Optional<ScriptCommand> notifyDown, boolean alpha, boolean smtpAlert,
                         Optional<String> virtualhost, List<Checker> checkers, List<RawValue> other,
                         SourceLocation location) {
    public RealServer {
        checkers = List.copyOf(checkers);
        other = List.copyOf(other);
    }

    /** The same real server with another smtp_alert (the global default applied after resolution). */
    public RealServer withSmtpAlert(boolean on) {
        return new RealServer(address, port, weight, method, upperThreshold, lowerThreshold, inhibitOnFailure, notifyUp,
                notifyDown, alpha, on, virtualhost, checkers, other, location);
    }

    public InetFamily family() {
        return InetFamily.of(address);
    }
}
