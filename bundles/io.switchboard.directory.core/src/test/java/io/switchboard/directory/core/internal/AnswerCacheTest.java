package io.switchboard.directory.core.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.Optional;

import org.junit.jupiter.api.Test;

import io.switchboard.directory.api.Contact;

class AnswerCacheTest {

    private static final long SECOND = 1_000_000_000L;

    @Test
    void anAnswerIsKeptUntilItsTimeIsUpAndAnUnknownNumberToo() {
        AnswerCache cache = new AnswerCache(10);
        Optional<Contact> ada = Optional.of(new Contact("Ada Lovelace", "Analytical Engines", null));
        cache.put("+12125550100", ada, 600 * SECOND, 0);
        cache.put("+12125550199", Optional.empty(), 60 * SECOND, 0);
        assertEquals(ada, cache.get("+12125550100", 599 * SECOND));
        assertEquals(Optional.empty(), cache.get("+12125550199", 59 * SECOND), "known to be unknown");
        assertNull(cache.get("+12125550199", 60 * SECOND), "asked again once its time is up");
        assertNull(cache.get("+12125550100", 600 * SECOND));
        assertEquals(0, cache.size());
        cache.put("+1", ada, 0, 0);
        assertNull(cache.get("+1", 0), "kept for no time: not kept");
    }

    @Test
    void theLeastRecentlyAskedGoFirstPastTheSize() {
        AnswerCache cache = new AnswerCache(2);
        Optional<Contact> c = Optional.of(new Contact("C", null, null));
        cache.put("a", c, SECOND, 0);
        cache.put("b", c, SECOND, 0);
        cache.get("a", 1);
        cache.put("c", c, SECOND, 0);
        assertEquals(2, cache.size());
        assertEquals(c, cache.get("a", 2), "asked lately: kept");
        assertNull(cache.get("b", 2), "the least recently asked went");
    }
}
