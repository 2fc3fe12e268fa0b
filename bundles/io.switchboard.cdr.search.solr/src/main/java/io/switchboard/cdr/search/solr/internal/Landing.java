package io.switchboard.cdr.search.solr.internal;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * Checks that index work Solr acknowledged while its cluster was unsettled did land. Solr answers
 * success to updates in the seconds around its nodes' restart and may lose part of them (Solr 9.10
 * lost records of one such batch in two restarts out of three in our trials, after reporting the
 * collection active): work sent within {@link #SETTLE} of a node failing is looked up once every
 * request has been answered for that long, and what Solr lost is sent again, up to
 * {@link #ATTEMPTS} times.
 */
final class Landing {

    private static final Logger LOG = System.getLogger(Landing.class.getName());

    /** How long the cluster must have answered every request before its acknowledgements are trusted. */
    static final long SETTLE = TimeUnit.SECONDS.toNanos(15);
    /** How old work must be for its records to be searchable (updates are committed within a second). */
    static final long VISIBLE = TimeUnit.SECONDS.toNanos(3);
    static final int ATTEMPTS = 5;

    /** Which of these records Solr finds; throws {@link SolrNodes.Unavailable} while it cannot say. */
    interface Lookup {
        Set<String> present(Collection<String> ids);
    }

    private record Sent(Outbox.Work work, long at) {
    }

    private final Deque<Sent> unsettled = new ArrayDeque<>();
    private final int limit;
    private long records;
    private final LongSupplier troubleAt;
    private final LongSupplier clock;
    private final Lookup lookup;

    /**
     * @param troubleAt when a Solr node last failed to answer, in the clock's time
     * @param clock {@link System#nanoTime()} but in tests
     * @param limit records kept to be looked up: a cluster that never settles does not fill the heap
     */
    Landing(LongSupplier troubleAt, LongSupplier clock, Lookup lookup, int limit) {
        this.limit = limit;
        this.troubleAt = troubleAt;
        this.clock = clock;
        this.lookup = lookup;
    }

    /** Solr acknowledged this work: kept to be looked up if the cluster was unsettled, or if it is a retry. */
    synchronized void sent(Outbox.Work work) {
        long now = clock.getAsLong();
        if (work.attempt() > 0 || now - troubleAt.getAsLong() < SETTLE) {
            unsettled.addLast(new Sent(work, now));
            records += work.size();
            long forgotten = 0;
            while (records > limit && unsettled.size() > 1) {
                int n = unsettled.removeFirst().work().size();
                records -= n;
                forgotten += n;
            }
            if (forgotten > 0) {
                LOG.log(Level.WARNING, "Solr has not settled for long: " + forgotten + " records it acknowledged will "
                        + "not be looked up; POST /cdr/reindex once it has settled restores any it lost");
            }
        }
    }

    /** @return acknowledged work not yet looked up */
    synchronized int unchecked() {
        return unsettled.size();
    }

    /**
     * Looks up what Solr acknowledged, once the cluster has settled and the work is searchable.
     * An addition whose record a later deletion removes (or the reverse) is not sent again.
     *
     * @param queued work waiting to be sent, after all that was acknowledged
     * @return what Solr lost, to be sent again in this order; empty while the cluster is unsettled
     */
    List<Outbox.Work> check(List<Outbox.Work> queued) {
        long now = clock.getAsLong();
        List<Outbox.Work> due = new ArrayList<>();
        Set<String> addedLater = new HashSet<>();
        Set<String> deletedLater = new HashSet<>();
        synchronized (this) {
            if (unsettled.isEmpty() || now - troubleAt.getAsLong() < SETTLE) {
                return List.of();
            }
            boolean younger = false; // work is looked up oldest first, up to the first not yet searchable
            for (Sent s : unsettled) {
                younger |= now - s.at() < VISIBLE;
                if (younger) {
                    note(s.work(), addedLater, deletedLater);
                } else {
                    due.add(s.work());
                }
            }
        }
        queued.forEach(w -> note(w, addedLater, deletedLater));
        List<Outbox.Work> again = new ArrayList<>();
        for (int i = due.size() - 1; i >= 0; i--) {
            Outbox.Work w = due.get(i);
            Set<String> found = lookup.present(w.ids());
            Set<String> lost = new HashSet<>();
            for (String id : w.ids()) {
                if (w.deletes() ? found.contains(id) && !addedLater.contains(id)
                        : !found.contains(id) && !deletedLater.contains(id)) {
                    lost.add(id);
                }
            }
            note(w, addedLater, deletedLater);
            if (lost.isEmpty()) {
                continue;
            }
            if (w.attempt() + 1 >= ATTEMPTS) {
                LOG.log(Level.ERROR, "Solr lost " + lost.size() + " records' index work " + ATTEMPTS + " times; given "
                        + "up, a rebuild of the index from the database restores it");
            } else {
                LOG.log(Level.WARNING, "Solr acknowledged " + (w.deletes() ? "deletions" : "additions") + " of "
                        + lost.size() + " records while its nodes were unsettled and lost them; sent again");
                again.add(w.retry(lost));
            }
        }
        synchronized (this) {
            // the front it looked up, unless sent() forgot part of it meanwhile
            for (Outbox.Work w : due) {
                if (!unsettled.isEmpty() && unsettled.peekFirst().work() == w) {
                    records -= unsettled.removeFirst().work().size();
                }
            }
        }
        Collections.reverse(again);
        return again;
    }

    private static void note(Outbox.Work w, Set<String> added, Set<String> deleted) {
        (w.deletes() ? deleted : added).addAll(w.ids());
    }
}
