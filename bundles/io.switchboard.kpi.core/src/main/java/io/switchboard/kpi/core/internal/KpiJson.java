package io.switchboard.kpi.core.internal;

import java.io.IOException;
import java.time.format.DateTimeFormatter;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;

import io.switchboard.mgmt.api.ApiJson;
import io.switchboard.kpi.api.KpiBucket;
import io.switchboard.kpi.api.Kpis;
import io.switchboard.kpi.api.QueueKpis;

/**
 * JSON of KPIs and dashboards: scopes and granularities as the query parameters write them (trunk,
 * 1h). A month of hourly buckets per trunk is 14,400 buckets: they are written field by field, as
 * the records' accessors would be, without the reflective bean writer that cost as much as the
 * query itself.
 */
final class KpiJson {

    static final ObjectMapper MAPPER = ApiJson.MAPPER.copy()
            .registerModule(new SimpleModule("kpi-buckets").addSerializer(new BucketWriter())
                    .addSerializer(new KpisWriter()))
            .enable(SerializationFeature.WRITE_ENUMS_USING_TO_STRING)
            .enable(DeserializationFeature.READ_ENUMS_USING_TO_STRING)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private KpiJson() {
    }

    /** {@code {"start": "2026-10-25T02:00:00+01:00", "kpis": {...}}}, the start as JavaTimeModule writes it. */
    static final class BucketWriter extends StdSerializer<KpiBucket> {

        private static final long serialVersionUID = 1L;

        BucketWriter() {
            super(KpiBucket.class);
        }

        @Override
        public void serialize(KpiBucket b, JsonGenerator gen, SerializerProvider provider) throws IOException {
            gen.writeStartObject();
            gen.writeStringField("start", DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(b.start()));
            gen.writeFieldName("kpis");
            KpisWriter.write(b.kpis(), gen);
            gen.writeEndObject();
        }
    }

    /** Every component of {@link Kpis} in its order, nulls written as null. */
    static final class KpisWriter extends StdSerializer<Kpis> {

        private static final long serialVersionUID = 1L;

        KpisWriter() {
            super(Kpis.class);
        }

        @Override
        public void serialize(Kpis k, JsonGenerator gen, SerializerProvider provider) throws IOException {
            write(k, gen);
        }

        static void write(Kpis k, JsonGenerator gen) throws IOException {
            gen.writeStartObject();
            gen.writeNumberField("attempts", k.attempts());
            gen.writeNumberField("answered", k.answered());
            number(gen, "asr", k.asr());
            number(gen, "acdSeconds", k.acdSeconds());
            number(gen, "ner", k.ner());
            number(gen, "pddMedianMs", k.pddMedianMs());
            number(gen, "pddP95Ms", k.pddP95Ms());
            gen.writeNumberField("measured", k.measured());
            number(gen, "mosMean", k.mosMean());
            number(gen, "mosP5", k.mosP5());
            number(gen, "jitterMs", k.jitterMs());
            number(gen, "lossPercent", k.lossPercent());
            number(gen, "peakConcurrent", k.peakConcurrent());
            number(gen, "peakCps", k.peakCps());
            if (k.queue() == null) {
                gen.writeNullField("queue");
            } else {
                queue(k.queue(), gen);
            }
            gen.writeEndObject();
        }

        /** A queue's figures, in the queue scope only. */
        private static void queue(QueueKpis q, JsonGenerator gen) throws IOException {
            gen.writeObjectFieldStart("queue");
            gen.writeNumberField("offered", q.offered());
            gen.writeNumberField("agentAnswered", q.agentAnswered());
            gen.writeNumberField("answeredInTarget", q.answeredInTarget());
            number(gen, "serviceLevel", q.serviceLevel());
            gen.writeNumberField("abandoned", q.abandoned());
            gen.writeNumberField("shortAbandoned", q.shortAbandoned());
            gen.writeNumberField("overflowed", q.overflowed());
            gen.writeNumberField("callbacks", q.callbacks());
            number(gen, "averageWaitSeconds", q.averageWaitSeconds());
            gen.writeNumberField("longestWaitSeconds", q.longestWaitSeconds());
            number(gen, "averageHandleSeconds", q.averageHandleSeconds());
            gen.writeNumberField("serviceLevelSeconds", q.serviceLevelSeconds());
            gen.writeNumberField("shortAbandonSeconds", q.shortAbandonSeconds());
            gen.writeEndObject();
        }

        /** A figure, or null when there is none: a whole number as one, a ratio or mean as a double. */
        private static void number(JsonGenerator gen, String name, Number value) throws IOException {
            if (value == null) {
                gen.writeNullField(name);
            } else if (value instanceof Double d) {
                gen.writeNumberField(name, d.doubleValue());
            } else {
                gen.writeNumberField(name, value.longValue());
            }
        }
    }
}
