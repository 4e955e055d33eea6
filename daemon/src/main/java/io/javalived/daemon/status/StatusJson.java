package io.javalived.daemon.status;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;

import java.io.IOException;
import java.time.Instant;

/**
 * The JSON mapper for status, state files and dumps: records as objects, {@code Optional} as the value or
 * null, instants as ISO-8601 text ({@code 2026-11-21T11:15:39.123Z}), unknown fields ignored on reading so a
 * newer daemon's output still reads. The command line reads with it; the daemon writes with {@link StatusJsonWriter}
 * (same layout) and never loads this class, so jackson-databind stays out of its process.
 */
public final class StatusJson {
    private StatusJson() {}

    public static ObjectMapper mapper() {
        SimpleModule instants = new SimpleModule("instants");
        instants.addSerializer(Instant.class, new StdSerializer<>(Instant.class) {
            @Override
            public void serialize(Instant value, JsonGenerator gen, SerializerProvider provider) throws IOException {
                gen.writeString(value.toString());
            }
        });
        instants.addDeserializer(Instant.class, new StdDeserializer<>(Instant.class) {
            @Override
            public Instant deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
                try {
                    return Instant.parse(p.getValueAsString());
                } catch (java.time.format.DateTimeParseException e) {
                    return (Instant) ctxt.handleWeirdStringValue(Instant.class, p.getValueAsString(), "not an ISO-8601 instant");
                }
            }
        });
        return new ObjectMapper().registerModule(new Jdk8Module()).registerModule(instants)
                .enable(SerializationFeature.INDENT_OUTPUT)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    }

    /** A state file's text as a {@link RunningState}; text that is not one is an error naming the file. */
    static RunningState readState(java.nio.file.Path file, String text) throws IOException {
        try {
            return mapper().readValue(text, RunningState.class);
        } catch (com.fasterxml.jackson.core.JacksonException e) {
            throw new IOException(file + " is not a javalived state file: " + e.getOriginalMessage());
        }
    }
}
