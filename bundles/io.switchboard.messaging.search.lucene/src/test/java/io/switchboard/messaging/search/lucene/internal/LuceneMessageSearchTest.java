package io.switchboard.messaging.search.lucene.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.service.event.Event;

import io.switchboard.messaging.api.MessageEvents;
import io.switchboard.messaging.api.MessageState;
import io.switchboard.messaging.api.MessageStore;
import io.switchboard.messaging.api.TextMessage;

/** The message search on a real Lucene index in a folder, fed from a store held in a map. */
class LuceneMessageSearchTest {

    @TempDir
    Path dir;

    private final Instant day = Instant.parse("2026-11-20T09:00:00Z");
    private final MapStore store = new MapStore();

    @Test
    void findsByWhoWhenAndHowNeverByWhatUnlessOptedIn() throws Exception {
        store.put(message(1, "alice", "bob", null, "lunch at noon?", MessageState.DELIVERED, day));
        store.put(message(2, "bob", "+442071234567", "carrier", "running late", MessageState.DELIVERED,
                day.plus(Duration.ofDays(1))));
        store.put(message(3, "carol", "alice", null, "the invoice is attached", MessageState.FAILED,
                day.plus(Duration.ofDays(2))));

        LuceneMessageSearch search = open(false);
        awaitCount(search, 3);
        assertEquals(List.of(3L, 2L, 1L), search.search("", false, 10).ids(), "newest first");
        assertEquals(List.of(3L, 1L), search.search("from:alice OR to:ALICE", false, 10).ids());
        assertEquals(List.of(2L), search.search("to:+4420*", false, 10).ids(), "a number's plus taken literally");
        assertEquals(List.of(3L), search.search("state:failed", false, 10).ids());
        assertEquals(List.of(2L, 1L), search.search("NOT state:failed", false, 10).ids());
        assertEquals(List.of(2L), search.search("received:2026-11-21", false, 10).ids(), "a whole UTC day");
        assertEquals(List.of(2L, 1L), search.search("received:[2026-11-20 TO 2026-11-21]", false, 10).ids());
        assertEquals(List.of(2L), search.search("trunk:carrier", false, 10).ids());
        assertEquals(List.of(2L), search.search("carrier", false, 10).ids(), "bare words: who and how");
        assertEquals(0, search.search("invoice", false, 10).total(), "never what was written");
        assertEquals(2, search.search("bytes:[13 TO *]", false, 1).total(), "the total, past the limit");
        assertTrue(assertThrows(IllegalArgumentException.class, () -> search.search("content:invoice", true, 10))
                .getMessage().contains("indexContent"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> search.search("colour:red", true, 10))
                .getMessage().contains("unknown field 'colour'"));
        assertThrows(IllegalArgumentException.class, () -> search.search("received:yesterday", true, 10));
        assertThrows(IllegalArgumentException.class, () -> search.search("from:(alice", true, 10));

        // a state change reaches the index through its event
        store.put(store.message(3).orElseThrow().with(MessageState.DELIVERED, day, null));
        search.handleEvent(new Event(MessageEvents.DELIVERED, Map.of(MessageEvents.ID, 3L)));
        awaitHits(search, "state:delivered", 3);
        search.close();

        // opted in: the content is indexed (the index is rebuilt), and only an operator may search it
        LuceneMessageSearch withContent = open(true);
        awaitCount(withContent, 3);
        assertEquals(List.of(3L), withContent.search("content:invoice", true, 10).ids());
        assertThrows(SecurityException.class, () -> withContent.search("content:invoice", false, 10));
        assertThrows(SecurityException.class, () -> withContent.search("content:/inv.*/", false, 10), "a regex");
        assertThrows(SecurityException.class, () -> withContent.search("content:invoise~1", false, 10), "fuzzy");
        assertEquals(0, withContent.search("invoice", true, 10).total(), "bare words still never the content");

        // messages past the history's days leave the index once the store removed them
        store.remove(1);
        withContent.close();
        LuceneMessageSearch again = open(true);
        awaitCount(again, 2);
        again.close();
    }

    private LuceneMessageSearch open(boolean content) throws Exception {
        return new LuceneMessageSearch(store, new MessageIndex(dir.resolve("messages"), content));
    }

    private static void awaitCount(LuceneMessageSearch search, long count) throws InterruptedException {
        for (int i = 0; i < 100 && search.search("", false, 0).total() != count; i++) {
            Thread.sleep(50);
        }
        assertEquals(count, search.search("", false, 0).total());
    }

    private static void awaitHits(LuceneMessageSearch search, String query, long count) throws InterruptedException {
        for (int i = 0; i < 100 && search.search(query, false, 0).total() != count; i++) {
            Thread.sleep(50);
        }
        assertEquals(count, search.search(query, false, 0).total(), query);
    }

    private static TextMessage message(long id, String from, String to, String trunk, String text, MessageState state,
            Instant at) {
        return new TextMessage(id, from, null, to, trunk, "text/plain", text.getBytes(StandardCharsets.UTF_8), at,
                state, state == MessageState.DELIVERED ? at : null, state == MessageState.FAILED ? "603 Decline" : null);
    }

    /** The few calls of the store the index makes, on a map. */
    private static final class MapStore implements MessageStore {
        private final TreeMap<Long, TextMessage> messages = new TreeMap<>();

        synchronized void put(TextMessage m) {
            messages.put(m.id(), m);
        }

        synchronized void remove(long id) {
            messages.remove(id);
        }

        @Override
        public synchronized Optional<TextMessage> message(long id) {
            return Optional.ofNullable(messages.get(id));
        }

        @Override
        public synchronized List<TextMessage> after(long afterId, int limit) {
            return new ArrayList<>(messages.tailMap(afterId, false).values()).stream().limit(limit).toList();
        }

        @Override
        public TextMessage store(TextMessage message) {
            throw new UnsupportedOperationException();
        }

        @Override
        public TextMessage record(TextMessage message) {
            throw new UnsupportedOperationException();
        }

        @Override
        public List<TextMessage> pending(String user) {
            throw new UnsupportedOperationException();
        }

        @Override
        public boolean claim(TextMessage message, Duration hold) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void update(TextMessage message) {
            throw new UnsupportedOperationException();
        }

        @Override
        public List<TextMessage> history(String user, int limit) {
            throw new UnsupportedOperationException();
        }
    }
}
