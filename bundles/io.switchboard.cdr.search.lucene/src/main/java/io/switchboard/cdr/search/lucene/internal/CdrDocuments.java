package io.switchboard.cdr.search.lucene.internal;

import java.io.IOException;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;

import org.apache.lucene.document.Document;
import org.apache.lucene.document.DoubleDocValuesField;
import org.apache.lucene.document.DoublePoint;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.document.NumericDocValuesField;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.document.SortedSetDocValuesField;
import org.apache.lucene.util.BytesRef;


import io.switchboard.cdr.api.CallRecord;

/**
 * A call record as a Lucene document: searchable fields, sort values, facet values, and the whole
 * record in its stored form so that results need no database round trip.
 */
final class CdrDocuments {

    private CdrDocuments() {
    }

    static Document toDocument(CallRecord r) throws IOException {
        Document d = new Document();
        keyword(d, "id", r.id());
        keyword(d, "source", r.source());
        keyword(d, "sourceId", r.sourceId());
        r.callIds().forEach(c -> keyword(d, "callId", c));
        keyword(d, "caller", r.caller());
        keywordIfOther(d, "caller", r.callerE164(), r.caller());
        keyword(d, "callee", r.callee());
        keywordIfOther(d, "callee", r.calleeE164(), r.callee());
        keyword(d, "did", r.did());
        endings(d, "caller", r.caller(), r.callerE164());
        endings(d, "callee", r.callee(), r.calleeE164());
        endings(d, "did", r.did(), null);
        keyword(d, "direction", r.direction().name());
        keyword(d, "trunk", r.trunkIn());
        keyword(d, "trunk", r.trunkOut());
        keyword(d, "trunkIn", r.trunkIn());
        keyword(d, "trunkOut", r.trunkOut());
        keyword(d, "disposition", r.disposition().name());
        keyword(d, "hangup", r.hangupSide().name());
        keyword(d, "codec", r.codec());

        time(d, "start", r.start(), true);
        time(d, "answer", r.answer(), false);
        time(d, "end", r.end(), false);
        number(d, "sipCode", r.sipCode());
        number(d, "duration", r.durationSeconds());
        number(d, "billable", r.billableSeconds());
        if (r.pddMillis() >= 0) {
            number(d, "pdd", r.pddMillis());
        }
        decimal(d, "mos", r.mos());
        decimal(d, "jitter", max(r.qualityA().jitterMs(), r.qualityB().jitterMs()));
        decimal(d, "loss", max(r.qualityA().lossPercent(), r.qualityB().lossPercent()));
        decimal(d, "rtt", max(r.qualityA().rttMs(), r.qualityB().rttMs()));

        text(d, "callerName", r.callerName());
        text(d, "reason", r.sipReason());
        StringBuilder all = new StringBuilder();
        append(all, r.callerName());
        append(all, r.sipReason());
        append(all, r.source());
        for (Map.Entry<String, String> tag : r.tags().entrySet()) {
            text(d, "tag", tag.getKey() + " " + tag.getValue());
            append(all, tag.getKey());
            append(all, tag.getValue());
        }
        d.add(new TextField(Fields.TEXT, all.toString(), Field.Store.NO));

        // Facets by SIP code and hour are counted from the sipCode and start doc values.
        facet(d, "disposition", r.disposition().name().toLowerCase(Locale.ROOT));
        facet(d, "direction", r.direction().name().toLowerCase(Locale.ROOT));
        facet(d, "source", r.source());
        facet(d, "codec", r.codec());
        facet(d, "trunk", r.trunkIn());
        facet(d, "trunk", r.trunkOut());

        d.add(new StoredField(Fields.SOURCE, StoredRecord.encode(r)));
        return d;
    }

    static CallRecord fromDocument(Document d) throws IOException {
        return StoredRecord.decode(d.getBinaryValue(Fields.SOURCE));
    }

    private static void keyword(Document d, String field, String value) {
        if (value != null && !value.isEmpty()) {
            d.add(new StringField(field, value.toLowerCase(Locale.ROOT), Field.Store.NO));
        }
    }

    /** The same term twice costs postings and merge work and finds nothing more. */
    private static void keywordIfOther(Document d, String field, String value, String other) {
        if (value != null && !value.equalsIgnoreCase(other)) {
            keyword(d, field, value);
        }
    }

    /**
     * A number's last {@link Fields#ENDING} characters reversed, so that "ends in 4567" is a prefix
     * search ({@code 7654*}) instead of a walk over every term. The dialled and the E.164 form of a
     * number nearly always end alike, so this is usually one term for both.
     */
    private static void endings(Document d, String field, String value, String other) {
        String a = Fields.ending(value);
        if (a != null) {
            d.add(new StringField(Fields.endingField(field), a, Field.Store.NO));
        }
        String b = Fields.ending(other);
        if (b != null && !b.equals(a)) {
            d.add(new StringField(Fields.endingField(field), b, Field.Store.NO));
        }
    }

    private static void text(Document d, String field, String value) {
        if (value != null && !value.isEmpty()) {
            d.add(new TextField(field, value, Field.Store.NO));
        }
    }

    private static void time(Document d, String field, Instant value, boolean sortable) {
        if (value != null) {
            d.add(new LongPoint(field, value.toEpochMilli()));
            if (sortable) {
                d.add(new NumericDocValuesField(field, value.toEpochMilli()));
            }
        }
    }

    private static void number(Document d, String field, long value) {
        d.add(new LongPoint(field, value));
        d.add(new NumericDocValuesField(field, value));
    }

    private static void decimal(Document d, String field, Double value) {
        if (value != null) {
            d.add(new DoublePoint(field, value));
            d.add(new DoubleDocValuesField(field, value));
        }
    }

    private static void facet(Document d, String dim, String value) {
        if (value != null && !value.isEmpty()) {
            d.add(new SortedSetDocValuesField(Fields.facetField(dim), new BytesRef(value)));
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
