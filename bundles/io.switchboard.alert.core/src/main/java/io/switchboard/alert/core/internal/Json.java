package io.switchboard.alert.core.internal;

import java.io.IOException;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import io.switchboard.alert.api.RuleKind;
import io.switchboard.kpi.api.Scope;

/** JSON of rules and alerts: kinds and scopes as the API writes them (baseline, trunk-down, trunk). */
final class Json {

    static final ObjectMapper MAPPER = new ObjectMapper().registerModule(new JavaTimeModule())
            .registerModule(new SimpleModule()
                    .addSerializer(RuleKind.class, serializer(RuleKind::id))
                    .addDeserializer(RuleKind.class, deserializer(RuleKind::of))
                    .addSerializer(Scope.class, serializer(Scope::id))
                    .addDeserializer(Scope.class, deserializer(Scope::of)))
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private Json() {
    }

    private static <T> JsonSerializer<T> serializer(java.util.function.Function<T, String> id) {
        return new JsonSerializer<>() {
            @Override
            public void serialize(T value, JsonGenerator gen, SerializerProvider serializers) throws IOException {
                gen.writeString(id.apply(value));
            }
        };
    }

    private static <T> JsonDeserializer<T> deserializer(java.util.function.Function<String, T> of) {
        return new JsonDeserializer<>() {
            @Override
            public T deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
                try {
                    return of.apply(p.getValueAsString());
                } catch (IllegalArgumentException e) {
                    throw com.fasterxml.jackson.databind.exc.InvalidFormatException.from(p, e.getMessage(),
                            p.getValueAsString(), Object.class);
                }
            }
        };
    }
}
