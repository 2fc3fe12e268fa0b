package io.switchboard.cdr.search.solr.internal;

import java.time.Instant;
import java.util.Date;
import java.util.Locale;
import java.util.Map;

import org.apache.solr.common.SolrInputDocument;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import io.switchboard.cdr.api.CallRecord;

/**
 * A call record as a Solr document: the fields of the shipped schema, with the same values the
 * embedded index searches (both numbers of a call, the worse side's quality, the hour of the
 * start), facet values as given, and the whole record as JSON so that a result needs no database.
 */
final class SolrDocuments {

    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private SolrDocuments() {
    }

    static SolrInputDocument toDocument(CallRecord r) {
        SolrInputDocument d = new SolrInputDocument();
        d.addField("id", r.id());
        add(d, "source", r.source());
        add(d, "sourceId", r.sourceId());
        r.callIds().forEach(c -> add(d, "callId", c));
        add(d, "caller", r.caller());
        addIfOther(d, "caller", r.callerE164(), r.caller());
        add(d, "callee", r.callee());
        addIfOther(d, "callee", r.calleeE164(), r.callee());
        add(d, "did", r.did());
        add(d, "direction", r.direction().name());
        add(d, "trunk", r.trunkIn());
        add(d, "trunk", r.trunkOut());
        add(d, "trunkIn", r.trunkIn());
        add(d, "trunkOut", r.trunkOut());
        add(d, "disposition", r.disposition().name());
        add(d, "hangup", r.hangupSide().name());
        add(d, "codec", r.codec());

        time(d, "start", r.start());
        time(d, "answer", r.answer());
        time(d, "end", r.end());
        d.addField("hour", (int) Math.floorMod(Math.floorDiv(r.start().toEpochMilli(), 3_600_000L), 24L));
        d.addField("sipCode", (long) r.sipCode());
        d.addField("duration", r.durationSeconds());
        d.addField("billable", r.billableSeconds());
        if (r.pddMillis() >= 0) {
            d.addField("pdd", r.pddMillis());
        }
        add(d, "mos", r.mos());
        add(d, "jitter", max(r.qualityA().jitterMs(), r.qualityB().jitterMs()));
        add(d, "loss", max(r.qualityA().lossPercent(), r.qualityB().lossPercent()));
        add(d, "rtt", max(r.qualityA().rttMs(), r.qualityB().rttMs()));

        add(d, "callerName", r.callerName());
        add(d, "reason", r.sipReason());
        StringBuilder all = new StringBuilder();
        append(all, r.callerName());
        append(all, r.sipReason());
        append(all, r.source());
        for (Map.Entry<String, String> tag : r.tags().entrySet()) {
            d.addField("tag", tag.getKey() + " " + tag.getValue());
            append(all, tag.getKey());
            append(all, tag.getValue());
        }
        add(d, SolrFields.TEXT, all.toString().trim());

        add(d, "facet.disposition", r.disposition().name().toLowerCase(Locale.ROOT));
        add(d, "facet.direction", r.direction().name().toLowerCase(Locale.ROOT));
        add(d, "facet.source", r.source());
        add(d, "facet.codec", r.codec());
        add(d, "facet.trunk", r.trunkIn());
        if (r.trunkOut() != null && !r.trunkOut().equals(r.trunkIn())) {
            add(d, "facet.trunk", r.trunkOut());
        }
        try {
            d.addField(SolrFields.RECORD, JSON.writeValueAsString(r));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write call record " + r.id() + " as JSON", e);
        }
        return d;
    }

    static CallRecord fromJson(String json) {
        try {
            return JSON.readValue(json, CallRecord.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a call record in Solr is not readable: " + e.getOriginalMessage(), e);
        }
    }

    private static void add(SolrInputDocument d, String field, Object value) {
        if (value != null && !(value instanceof String s && s.isEmpty())) {
            d.addField(field, value);
        }
    }

    /** The same value twice costs postings and finds nothing more. */
    private static void addIfOther(SolrInputDocument d, String field, String value, String other) {
        if (value != null && !value.equalsIgnoreCase(other)) {
            add(d, field, value);
        }
    }

    private static void time(SolrInputDocument d, String field, Instant value) {
        if (value != null) {
            d.addField(field, Date.from(value));
        }
    }

    private static Double max(Double a, Double b) {
        if (a == null) {
            return b;
        }
        return b == null ? a : Math.max(a, b);
    }

    private static void append(StringBuilder sb, String s) {
        if (s != null && !s.isEmpty()) {
            sb.append(s).append(' ');
        }
    }
}
