package io.javalived.parser.model;

import java.util.Optional;
import java.util.OptionalInt;

/**
 * One {@code static_rules} / {@code virtual_rules} line, as keepalived 2.2.7 reads it: {@code [inet|inet6] [not]
 * [from SRC|all] [to DST|all] [priority|preference|pref P] [tos T] [fwmark M[/MASK]] [iif IF] [oif IF]
 * [table T | lookup T | goto P | nop | blackhole | unreachable | prohibit] [no_track]}.
 *
 * @param ipv4     the family (IPv4 unless an address or {@code inet6} says IPv6)
 * @param invert   {@code not}
 * @param table    the table for {@link Action#TABLE} (0 otherwise)
 * @param written  the line as written, for messages
 */
public record IpRule(boolean ipv4, boolean invert, Optional<IpPrefix> from, Optional<IpPrefix> to,
                     OptionalInt priority, OptionalInt tos, OptionalInt fwmark, OptionalInt fwmask,
                     Optional<String> iif, Optional<String> oif, Action action, int table, OptionalInt gotoTarget,
                     boolean noTrack, String written, SourceLocation location) {

    /** What a matching packet gets, with the kernel's FR_ACT_* numbers. */
    public enum Action {
        TABLE(1), GOTO(2), NOP(3), BLACKHOLE(6), UNREACHABLE(7), PROHIBIT(8);

        public final int kernel;

        Action(int kernel) {
            this.kernel = kernel;
        }
    }

    @Override
    public String toString() {
        return written;
    }
}
