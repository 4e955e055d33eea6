package io.javalived.healthcheck.probe;

import java.util.List;
import java.util.stream.Collectors;

/** An HTTP url block's {@code status_code} set: ranges of codes; keepalived's default is 200-299. */
public record StatusCodes(List<Range> ranges) {

    public static final StatusCodes DEFAULT = new StatusCodes(List.of(new Range(200, 299)));

    public StatusCodes {
        if (ranges.isEmpty()) {
            throw new IllegalArgumentException("status_code needs at least one code or range");
        }
        ranges = List.copyOf(ranges);
    }

    public static StatusCodes of(int... codes) {
        return new StatusCodes(java.util.Arrays.stream(codes).mapToObj(c -> new Range(c, c)).toList());
    }

    public boolean contains(int status) {
        return ranges.stream().anyMatch(r -> r.contains(status));
    }

    @Override
    public String toString() {
        return ranges.stream().map(Range::toString).collect(Collectors.joining(" "));
    }

    /** An inclusive range of status codes. */
    public record Range(int from, int to) {
        public Range {
            if (from < 100 || to > 999 || from > to) {
                throw new IllegalArgumentException("bad status_code range " + from + "-" + to);
            }
        }

        boolean contains(int status) {
            return status >= from && status <= to;
        }

        @Override
        public String toString() {
            return from == to ? Integer.toString(from) : from + "-" + to;
        }
    }
}
