package io.javalived.daemon.reload;

import io.javalived.parser.model.KeywordLocations;
import io.javalived.parser.model.SourceLocation;

import java.lang.reflect.RecordComponent;
import java.net.InetAddress;
import java.time.Duration;
import java.util.Collection;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Renders config model values as short, stable text for comparison and display. Where a value came from
 * (its {@link SourceLocation}, its {@link KeywordLocations}) is never part of it: moving a block in the file is
 * not a change.
 */
final class Rendering {
    private Rendering() {}

    /** Every component of {@code record} but the excluded ones, as {@code snake_case name -> rendered value}. */
    static Map<String, String> settings(Record record, Set<String> excluded) {
        Map<String, String> out = new LinkedHashMap<>();
        for (Component c : COMPONENTS.get(record.getClass())) {
            if (!excluded.contains(c.name())) {
                out.put(c.snakeName(), value(c.read(record)));
            }
        }
        return out;
    }

    /**
     * A record component that is rendered (its location ones are not), with its accessor. Found once per record class:
     * looking the components up and making their accessors callable on every call cost more than the rendering, and
     * a configuration of 10,000 real servers renders tens of thousands of records at start and at each reload.
     */
    private record Component(String name, String snakeName, java.lang.reflect.Method accessor) {
        Object read(Record r) {
            try {
                return accessor.invoke(r);
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("cannot read " + name + " of " + r.getClass().getSimpleName(), e);
            }
        }
    }

    private static final ClassValue<List<Component>> COMPONENTS = new ClassValue<>() {
        @Override
        protected List<Component> computeValue(Class<?> type) {
            List<Component> out = new ArrayList<>();
            for (RecordComponent c : type.getRecordComponents()) {
                if (c.getType() != SourceLocation.class && c.getType() != KeywordLocations.class) {
                    out.add(new Component(c.getName(), snakeCase(c.getName()), c.getAccessor()));
                }
            }
            return List.copyOf(out);
        }
    };

    static String value(Object v) {
        return switch (v) {
            case null -> "none";
            case Optional<?> o -> o.map(Rendering::value).orElse("none");
            case OptionalInt o -> o.isPresent() ? Integer.toString(o.getAsInt()) : "none";
            case OptionalLong o -> o.isPresent() ? Long.toString(o.getAsLong()) : "none";
            case InetAddress a -> a.getHostAddress();
            case Duration d -> duration(d);
            case Enum<?> e -> e.name();
            case io.javalived.parser.model.IpRoute r -> r.written(); // as the file has it
            case io.javalived.parser.model.IpRule r -> r.written();
            case Collection<?> c -> c.stream().map(Rendering::value).collect(Collectors.joining(", ", "[", "]"));
            case Record r -> r.getClass().getSimpleName() + settings(r, Set.of()).entrySet().stream()
                    .map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(" ", "{", "}"));
            default -> v.toString();
        };
    }

    static String duration(Duration d) {
        if (d.toNanosPart() == 0) {
            return d.toSeconds() + "s";
        }
        return d.toMillis() % 1000 == 0 && d.toNanosPart() % 1_000_000 == 0 ? d.toSeconds() + "s" : d.toMillis() + "ms";
    }

    static String snakeCase(String camel) {
        StringBuilder b = new StringBuilder(camel.length() + 4);
        for (char ch : camel.toCharArray()) {
            if (Character.isUpperCase(ch)) {
                b.append('_').append(Character.toLowerCase(ch));
            } else {
                b.append(ch);
            }
        }
        return b.toString().toLowerCase(Locale.ROOT);
    }
}
