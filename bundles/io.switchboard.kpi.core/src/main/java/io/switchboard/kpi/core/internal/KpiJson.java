package io.switchboard.kpi.core.internal;

import java.io.IOException;
import java.util.function.Function;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import io.switchboard.kpi.api.Granularity;
import io.switchboard.kpi.api.Scope;

/** JSON of KPIs and dashboards: scopes and granularities as the query parameters write them (trunk, 1h). */
final class KpiJson {

    static final ObjectMapper MAPPER = new ObjectMapper().registerModule(new JavaTimeModule())
            .registerModule(new SimpleModule()
                    .addSerializer(Scope.class, serializer(Scope::id))
                    .addDeserializer(Scope.class, deserializer(Scope::of))
                    .addSerializer(Granularity.class, serializer(Granularity::id))
                    .addDeserializer(Granularity.class, deserializer(Granularity::of)))
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private KpiJson() {
    }

    private static <T> JsonSerializer<T> serializer(Function<T, String> id) {
        return new JsonSerializer<>() {
            @Override
            public void serialize(T value, JsonGenerator gen, SerializerProvider serializers) throws IOException {
                gen.writeString(id.apply(value));
            }
        };
    }

    private static <T> JsonDeserializer<T> deserializer(Function<String, T> of) {
        return new JsonDeserializer<>() {
            @Override
            public T deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
                try {
                    return of.apply(p.getValueAsString());
                } catch (IllegalArgumentException e) {
                    throw InvalidFormatException.from(p, e.getMessage(), p.getValueAsString(), Object.class);
                }
            }
        };
    }
}
