package io.switchboard.cdr.search.solr.internal;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * What the server must still send to Solr while Solr cannot be reached: additions and deletions in
 * the order they happened, sent again every second until Solr takes them. Bounded: past its limit
 * the oldest work is dropped and counted, and the CDR service's next check (at a server's start)
 * finds the index short of the database and rebuilds it, since the database holds every record.
 * Only work whose records Solr refuses is dropped before that; any other failure keeps it. What
 * Solr acknowledges while its cluster is unsettled is looked up later by {@link Landing}.
 */
final class Outbox implements AutoCloseable {

    private static final Logger LOG = System.getLogger(Outbox.class.getName());

    /** One piece of work for Solr: a batch of additions or of deletions. */
    interface Work {
        /** @return the records it adds or deletes */
        List<String> ids();

        boolean deletes();

        /** @return how many times Solr lost this work before */
        int attempt();

        /**
         * @throws SolrNodes.Unavailable while Solr cannot take it
         * @throws Refused when Solr refuses the records themselves: sending them again cannot help
         */
        void send();

        /** @return this work for some of its records, one attempt further */
        Work retry(Set<String> ids);

        default int size() {
            return ids().size();
        }
    }

    /** Solr refused the records of a piece of work for what they hold (a field it cannot take). */
    static final class Refused extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Refused(Exception cause) {
            super(cause.getMessage(), cause);
        }
    }

    private final Deque<Work> pending = new ArrayDeque<>();
    private final Landing landing;
    private final int limit;
    private final ScheduledExecutorService retry;
    private long held;
    private long dropped;
    private Work failing; // the work whose unexplained failure was logged, so that it is logged once

    Outbox(int limit, Landing landing) {
        this.limit = limit;
        this.landing = landing;
        this.retry = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "switchboard-cdr-solr-outbox");
            t.setDaemon(true);
            return t;
        });
        retry.scheduleWithFixedDelay(this::drain, 1, 1, TimeUnit.SECONDS);
    }

    /**
     * Sends the work now, unless earlier work still waits (the order holds: a deletion never
     * overtakes its record's addition) or Solr cannot be reached: then it waits its turn.
     */
    void send(Work work) {
        synchronized (this) {
            if (!pending.isEmpty()) {
                hold(work);
                return;
            }
        }
        try {
            work.send();
            landing.sent(work);
        } catch (Refused e) {
            throw e; // the caller says which records the index lacks
        } catch (RuntimeException e) {
            // only a refusal drops records: anything else may pass, so the work waits its turn
            synchronized (this) {
                if (pending.isEmpty()) {
                    LOG.log(Level.WARNING, reason(e) + "; call records are queued and sent once it answers");
                }
                hold(work);
            }
        }
    }

    private static String reason(RuntimeException e) {
        return e instanceof SolrNodes.Unavailable ? e.getMessage() : "Solr index work failed (" + e + ")";
    }

    private synchronized List<Work> queued() {
        return List.copyOf(pending);
    }

    /** @return the records and ids waiting for Solr */
    synchronized long waiting() {
        return held;
    }

    /** @return the records and ids dropped because too many waited */
    synchronized long dropped() {
        return dropped;
    }

    private void hold(Work work) {
        pending.addLast(work);
        held += work.size();
        while (held > limit && pending.size() > 1) {
            Work gone = pending.removeFirst();
            held -= gone.size();
            dropped += gone.size();
            LOG.log(Level.ERROR, "Solr outbox full (" + limit + "): " + gone.size() + " records' index work dropped; "
                    + "a rebuild of the index from the database restores them");
        }
    }

    /** Sends what waits, and again what Solr acknowledged and lost, in order. */
    private void drain() {
        try {
            List<Work> again = landing.check(queued());
            synchronized (this) {
                again.forEach(this::hold);
            }
        } catch (SolrNodes.Unavailable e) {
            // down again: looked up once it has settled
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Could not look up the records Solr acknowledged while unsettled: " + e.getMessage());
        }
        int sent = 0;
        long sentRecords = 0;
        while (true) {
            Work next;
            synchronized (this) {
                next = pending.peekFirst();
            }
            if (next == null) {
                break;
            }
            try {
                next.send();
                landing.sent(next);
            } catch (SolrNodes.Unavailable e) {
                return; // still down: the next round tries again
            } catch (Refused e) {
                LOG.log(Level.ERROR, "Solr refused queued index work (" + next.size() + " records), dropped: "
                        + e.getMessage(), e);
            } catch (RuntimeException e) {
                // not known to be the records' fault: kept, the next round tries again (the limit bounds it)
                synchronized (this) {
                    if (failing != next) {
                        failing = next;
                        LOG.log(Level.WARNING, reason(e) + "; " + next.size() + " records' index work kept and "
                                + "sent again", e);
                    }
                }
                return;
            }
            synchronized (this) {
                if (pending.peekFirst() == next) {
                    pending.removeFirst();
                    held -= next.size();
                }
                if (failing == next) {
                    failing = null;
                }
            }
            sent++;
            sentRecords += next.size();
        }
        if (sent > 0) {
            LOG.log(Level.INFO, "Solr answers again: " + sentRecords + " queued records' index work sent");
        }
    }

    @Override
    public void close() {
        retry.shutdown();
        synchronized (this) {
            if (held > 0) {
                LOG.log(Level.WARNING, held + " records' index work was still waiting for Solr at shutdown; the "
                        + "next start's check rebuilds what the index lacks");
            }
        }
    }
}
