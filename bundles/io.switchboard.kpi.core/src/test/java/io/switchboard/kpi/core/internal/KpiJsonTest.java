package io.switchboard.kpi.core.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import io.switchboard.kpi.api.Granularity;
import io.switchboard.kpi.api.KpiBucket;
import io.switchboard.kpi.api.KpiReport;
import io.switchboard.kpi.api.KpiSeries;
import io.switchboard.kpi.api.Kpis;
import io.switchboard.kpi.api.Scope;

/** The bucket writers write what Jackson's own record serializer writes, every component included. */
class KpiJsonTest {

    private static final ObjectMapper PLAIN = new ObjectMapper().registerModule(new JavaTimeModule())
            .enable(SerializationFeature.WRITE_ENUMS_USING_TO_STRING)
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    @Test
    void bucketsAsJacksonWritesRecords() throws Exception {
        // the autumn night in Paris: 02:00 twice, with two offsets
        ZoneId paris = ZoneId.of("Europe/Paris");
        OffsetDateTime first = OffsetDateTime.parse("2026-10-25T02:00:00+02:00");
        OffsetDateTime second = first.atZoneSameInstant(paris).plusHours(1).toOffsetDateTime();
        Kpis full = new Kpis(463, 287, 61.99, 151.5, 82.61, 2275L, 4025L, 280, 4.12, 3.85, 12.34, 0.52, 5L, 1L);
        Kpis empty = new Kpis(0, 0, null, null, null, null, null, 0, null, null, null, null, null, null);
        KpiReport report = new KpiReport("Europe/Paris", Scope.TRUNK, Granularity.HOUR, first, second.plusHours(1),
                List.of(new KpiSeries("trunk-01", List.of(new KpiBucket(first, full), new KpiBucket(second, empty)),
                        full)), List.of("a note"));

        JsonNode mine = KpiJson.MAPPER.readTree(KpiJson.MAPPER.writeValueAsString(report));
        assertEquals(PLAIN.readTree(PLAIN.writeValueAsString(report)), mine);
        assertEquals(Kpis.class.getRecordComponents().length, mine.at("/series/0/buckets/1/kpis").size());
        assertEquals("2026-10-25T02:00:00+01:00", mine.at("/series/0/buckets/1/start").asText());
    }
}
