package io.javalived.daemon.status;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * Writes what the daemon tells the world (its state file, {@code /status}, the JSON dump) in {@link StatusJson}'s
 * layout, indented as its mapper indents: records as objects in component order, {@code Optional} as the value or
 * null, instants as ISO-8601 text, enums by name, maps as objects, collections as arrays. It writes through
 * jackson-core's streaming generator only, so the daemon's process neither loads nor caches jackson-databind (some
 * 450 classes of metadata and start time); {@link StatusJson#mapper()} reads the text back (the command line).
 */
public final class StatusJsonWriter {
    private static final JsonFactory FACTORY = new JsonFactory();

    private StatusJsonWriter() {}

    /** The value as indented JSON, without a final newline. */
    public static String write(Object value) {
        StringWriter out = new StringWriter(1024);
        try (JsonGenerator g = FACTORY.createGenerator(out)) {
            g.useDefaultPrettyPrinter();
            value(g, value);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + value.getClass().getSimpleName() + " as JSON", e);
        }
        return out.toString();
    }

    private static void value(JsonGenerator g, Object v) throws IOException {
        switch (v) {
            case null -> g.writeNull();
            case String s -> g.writeString(s);
            case Boolean b -> g.writeBoolean(b);
            case Integer i -> g.writeNumber(i);
            case Long l -> g.writeNumber(l);
            case Double d -> g.writeNumber(d);
            case Float f -> g.writeNumber(f);
            case Short s -> g.writeNumber(s);
            case Byte b -> g.writeNumber(b);
            case BigInteger b -> g.writeNumber(b);
            case BigDecimal b -> g.writeNumber(b);
            case Character c -> g.writeString(c.toString());
            case Instant t -> g.writeString(t.toString());
            case Enum<?> e -> g.writeString(e.name());
            case Optional<?> o -> value(g, o.orElse(null));
            case OptionalInt o -> value(g, o.isPresent() ? o.getAsInt() : null);
            case OptionalLong o -> value(g, o.isPresent() ? o.getAsLong() : null);
            case OptionalDouble o -> value(g, o.isPresent() ? o.getAsDouble() : null);
            case Record r -> record(g, r);
            case Map<?, ?> m -> {
                g.writeStartObject();
                for (Map.Entry<?, ?> e : m.entrySet()) {
                    g.writeFieldName(e.getKey() instanceof Enum<?> k ? k.name() : String.valueOf(e.getKey()));
                    value(g, e.getValue());
                }
                g.writeEndObject();
            }
            case Iterable<?> items -> {
                g.writeStartArray();
                for (Object item : items) {
                    value(g, item);
                }
                g.writeEndArray();
            }
            case Object[] items -> {
                g.writeStartArray();
                for (Object item : items) {
                    value(g, item);
                }
                g.writeEndArray();
            }
            default -> throw new IllegalArgumentException("no JSON form for a " + v.getClass().getName());
        }
    }

    private static void record(JsonGenerator g, Record r) throws IOException {
        g.writeStartObject();
        for (RecordComponent c : r.getClass().getRecordComponents()) {
            g.writeFieldName(c.getName());
            Object v;
            try {
                var accessor = c.getAccessor();
                accessor.setAccessible(true);
                v = accessor.invoke(r);
            } catch (IllegalAccessException e) {
                throw new IllegalStateException("cannot read " + r.getClass().getSimpleName() + "." + c.getName(), e);
            } catch (InvocationTargetException e) {
                throw new IllegalStateException("cannot read " + r.getClass().getSimpleName() + "." + c.getName(), e.getCause());
            }
            value(g, v);
        }
        g.writeEndObject();
    }
}
