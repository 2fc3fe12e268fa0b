package io.switchboard.messaging.search.lucene.internal;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.document.NumericDocValuesField;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;

import io.switchboard.messaging.api.TextMessage;

/**
 * The fields of a message in the index, and the document made of one. Names and numbers are
 * keywords (matched whole, any case); {@code text} holds the words of who and how, never of what
 * was written; {@code content} holds the message's words, only when the admin opted in.
 */
final class MessageFields {

    static final String KEY = "key";
    static final String ID = "id";
    static final String RECEIVED = "received";
    static final String BYTES = "bytes";
    static final String TEXT = "text";
    static final String CONTENT = "content";
    static final String FROM_NAME = "fromName";
    static final String REASON = "reason";
    static final Set<String> KEYWORDS = Set.of("from", "to", "trunk", "state", "contentType");
    static final Set<String> WORDS = Set.of(TEXT, CONTENT, FROM_NAME, REASON);
    static final Set<String> NUMBERS = Set.of(ID, BYTES);
    static final List<String> KNOWN = List.of("from", "fromName", "to", "trunk", "state", "contentType", "received",
            "bytes", "reason", "id", "text", "content");

    private MessageFields() {
    }

    /** @param withContent whether the message's words go into the index too */
    static Document document(TextMessage m, boolean withContent) {
        Document d = new Document();
        d.add(new StringField(KEY, Long.toString(m.id()), Field.Store.NO));
        d.add(new LongPoint(ID, m.id()));
        d.add(new StoredField(ID, m.id()));
        long received = m.received().toEpochMilli();
        d.add(new LongPoint(RECEIVED, received));
        d.add(new NumericDocValuesField(RECEIVED, received));
        d.add(new LongPoint(BYTES, m.body().length));
        keyword(d, "from", m.from());
        keyword(d, "to", m.to());
        keyword(d, "trunk", m.trunk());
        keyword(d, "state", m.state().name());
        keyword(d, "contentType", m.contentType());
        StringBuilder text = new StringBuilder();
        for (String s : new String[] { m.from(), m.fromName(), m.to(), m.trunk(), m.state().name(), m.reason() }) {
            if (s != null) {
                text.append(s).append(' ');
            }
        }
        d.add(new TextField(TEXT, text.toString(), Field.Store.NO));
        if (m.fromName() != null) {
            d.add(new TextField(FROM_NAME, m.fromName(), Field.Store.NO));
        }
        if (m.reason() != null) {
            d.add(new TextField(REASON, m.reason(), Field.Store.NO));
        }
        if (withContent && m.contentType() != null && m.contentType().toLowerCase(Locale.ROOT).startsWith("text/")) {
            d.add(new TextField(CONTENT, new String(m.body(), StandardCharsets.UTF_8), Field.Store.NO));
        }
        return d;
    }

    private static void keyword(Document d, String field, String value) {
        if (value != null) {
            d.add(new StringField(field, value.toLowerCase(Locale.ROOT), Field.Store.NO));
        }
    }
}
