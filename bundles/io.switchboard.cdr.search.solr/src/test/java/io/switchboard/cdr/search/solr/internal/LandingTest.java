package io.switchboard.cdr.search.solr.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

/**
 * What is sent again after Solr acknowledged work while its cluster was unsettled (the collection
 * here is a set of ids; {@code SolrSearchIT} restarts a real SolrCloud cluster).
 */
class LandingTest {

    private static final long SECOND = TimeUnit.SECONDS.toNanos(1);

    private final AtomicLong now = new AtomicLong(1_000 * SECOND);
    private final AtomicLong troubleAt = new AtomicLong(0);
    private final Set<String> collection = new HashSet<>();
    private final List<List<String>> lookedUp = new ArrayList<>();
    private boolean down;
    private final Landing landing = new Landing(troubleAt::get, now::get, ids -> {
        if (down) {
            throw new SolrNodes.Unavailable("down", new IOException("refused"));
        }
        lookedUp.add(List.copyOf(ids));
        Set<String> found = new HashSet<>(ids);
        found.retainAll(collection);
        return found;
    }, 10);

    private record Work(List<String> ids, boolean deletes, int attempt) implements Outbox.Work {
        @Override
        public void send() {
        }

        @Override
        public Outbox.Work retry(Set<String> some) {
            return new Work(ids.stream().filter(some::contains).toList(), deletes, attempt + 1);
        }
    }

    @Test
    void workSentWhileTheClusterWasSettledIsTrusted() {
        landing.sent(new Work(List.of("a", "b"), false, 0)); // collection lost both: not looked for
        now.addAndGet(60 * SECOND);
        assertEquals(List.of(), landing.check(List.of()));
        assertEquals(List.of(), lookedUp);
        assertEquals(0, landing.unchecked());
    }

    @Test
    void additionsLostAfterARestartAreSentAgainOnceTheClusterHasSettled() {
        troubleAt.set(now.get());
        now.addAndGet(SECOND);
        collection.addAll(List.of("a", "c"));
        landing.sent(new Work(List.of("a", "b", "c", "d"), false, 0));

        now.addAndGet(10 * SECOND);
        assertEquals(List.of(), landing.check(List.of()), "unsettled for 15 s after a node failed");
        assertEquals(List.of(), lookedUp);

        now.addAndGet(5 * SECOND);
        assertEquals(List.of(new Work(List.of("b", "d"), false, 1)), landing.check(List.of()));
        assertEquals(List.of(List.of("a", "b", "c", "d")), lookedUp);
        assertEquals(0, landing.unchecked());
    }

    @Test
    void workNotYetSearchableWaitsForTheNextRound() {
        troubleAt.set(now.get());
        landing.sent(new Work(List.of("a"), false, 0));
        now.addAndGet(16 * SECOND);
        landing.sent(new Work(List.of("b"), false, 1)); // a retry, just sent

        assertEquals(List.of(new Work(List.of("a"), false, 1)), landing.check(List.of()));
        assertEquals(1, landing.unchecked());
        now.addAndGet(3 * SECOND);
        assertEquals(List.of(new Work(List.of("b"), false, 2)), landing.check(List.of()));
    }

    @Test
    void aRecordDeletedLaterIsNotAddedAgainNorARecordAddedLaterDeletedAgain() {
        troubleAt.set(now.get());
        collection.add("x");
        landing.sent(new Work(List.of("a", "b"), false, 0)); // both lost
        landing.sent(new Work(List.of("b", "x"), true, 0)); // x not deleted
        landing.sent(new Work(List.of("x"), false, 0)); // added again after its deletion
        now.addAndGet(20 * SECOND);

        List<Outbox.Work> queued = List.of(new Work(List.of("a"), true, 0));
        assertEquals(List.of(), landing.check(queued), "a and b deleted later, x added later");
    }

    @Test
    void aClusterThatNeverSettlesDoesNotFillTheHeap() {
        for (int i = 0; i < 5; i++) {
            troubleAt.set(now.get());
            landing.sent(new Work(List.of("a" + i, "b" + i, "c" + i), false, 0));
            now.addAndGet(10 * SECOND);
        }
        assertEquals(3, landing.unchecked(), "the oldest forgotten past 10 records");
        now.addAndGet(20 * SECOND);
        assertEquals(List.of(new Work(List.of("a2", "b2", "c2"), false, 1), new Work(List.of("a3", "b3", "c3"), false, 1),
                new Work(List.of("a4", "b4", "c4"), false, 1)), landing.check(List.of()));
        assertEquals(0, landing.unchecked());
    }

    @Test
    void deletionsSolrMissedAreSentAgainInOrderAfterAdditions() {
        troubleAt.set(now.get());
        collection.addAll(List.of("old1", "old2"));
        landing.sent(new Work(List.of("n1"), false, 0));
        landing.sent(new Work(List.of("old1", "old2"), true, 0));
        now.addAndGet(20 * SECOND);

        assertEquals(List.of(new Work(List.of("n1"), false, 1), new Work(List.of("old1", "old2"), true, 1)),
                landing.check(List.of()));
    }

    @Test
    void whileSolrCannotSayNothingIsForgottenAndAfterFiveLossesTheWorkIsGivenUp() {
        troubleAt.set(now.get());
        landing.sent(new Work(List.of("a"), false, 0));
        now.addAndGet(20 * SECOND);
        down = true;
        assertThrows(SolrNodes.Unavailable.class, () -> landing.check(List.of()));
        assertEquals(1, landing.unchecked());
        down = false;

        Outbox.Work work = landing.check(List.of()).get(0);
        for (int attempt = 1; attempt < Landing.ATTEMPTS - 1; attempt++) {
            assertEquals(attempt, work.attempt());
            landing.sent(work);
            now.addAndGet(5 * SECOND);
            work = landing.check(List.of()).get(0);
        }
        landing.sent(work);
        now.addAndGet(5 * SECOND);
        assertEquals(List.of(), landing.check(List.of()), "given up after " + Landing.ATTEMPTS + " losses");
        assertEquals(0, landing.unchecked());
    }
}
