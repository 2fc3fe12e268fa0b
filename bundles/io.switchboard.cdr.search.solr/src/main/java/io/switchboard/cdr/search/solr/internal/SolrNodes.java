package io.switchboard.cdr.search.solr.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import org.apache.solr.client.solrj.SolrRequest;
import org.apache.solr.client.solrj.SolrResponse;
import org.apache.solr.client.solrj.SolrServerException;
import org.apache.solr.client.solrj.impl.HttpJdkSolrClient;
import org.apache.solr.client.solrj.impl.XMLRequestWriter;
import org.apache.solr.common.SolrException;

/**
 * The Solr nodes a server talks to, each through SolrJ's client on the JDK's HTTP client (no
 * second Jetty in the server). Any node of a SolrCloud cluster takes any request for the
 * collection and forwards it to the shards; a node that cannot be reached is passed over for the
 * next, and the one that answered is asked first next time.
 */
final class SolrNodes implements AutoCloseable {

    /** Solr could not be reached, or could not serve the collection for now: worth trying again later. */
    static final class Unavailable extends UncheckedIOException {
        private static final long serialVersionUID = 1L;

        Unavailable(String message, Throwable cause) {
            super(message, new IOException(message, cause));
        }
    }

    private final List<HttpJdkSolrClient> clients = new ArrayList<>();
    private final List<String> urls;
    private final String collection;
    private volatile int preferred;
    private volatile long troubleAt = System.nanoTime() - Long.MAX_VALUE / 2;

    SolrNodes(List<String> urls, String collection, String user, String password, int timeoutSeconds) {
        this.urls = List.copyOf(urls);
        this.collection = collection;
        for (String url : urls) {
            // updates as XML: SolrJ 9.10's JDK client posts javabin updates that Solr answers with
            // success and indexes nothing (seen against Solr 9.10.1; its Jetty client does not)
            HttpJdkSolrClient.Builder b = new HttpJdkSolrClient.Builder(url).withDefaultCollection(collection)
                    .withRequestWriter(new XMLRequestWriter())
                    .withConnectionTimeout(Math.min(5, timeoutSeconds), TimeUnit.SECONDS)
                    .withRequestTimeout(timeoutSeconds, TimeUnit.SECONDS);
            if (user != null && !user.isBlank()) {
                b.withBasicAuthCredentials(user, password);
            }
            clients.add(b.build());
        }
    }

    /**
     * @return the first node's answer, trying each in turn
     * @throws Unavailable when no node can serve it now
     * @throws SolrException when Solr refuses the request itself (a bad query: a 400)
     */
    <T extends SolrResponse> T request(SolrRequest<T> request) {
        return request(request, e -> e.code() < 500 && e.code() != 404);
    }

    /**
     * @param refusal which of Solr's answers refuse the request itself; any other is a node's trouble
     * @return the first node's answer, trying each in turn
     * @throws Unavailable when no node can serve it now
     * @throws SolrException when Solr refuses the request itself
     */
    <T extends SolrResponse> T request(SolrRequest<T> request, Predicate<SolrException> refusal) {
        Exception last = null;
        int first = preferred;
        for (int i = 0; i < clients.size(); i++) {
            int n = (first + i) % clients.size();
            try {
                T response = request.process(clients.get(n), collection);
                preferred = n;
                return response;
            } catch (SolrServerException | IOException e) {
                last = e;
                troubleAt = System.nanoTime();
            } catch (SolrException e) {
                if (refusal.test(e)) {
                    throw e;
                }
                // 5xx: a node without a live replica of a shard, for one, where another may have one;
                // 404: a node still starting, before it serves the collection (its work, refused as
                // if bad, was dropped from the outbox: SolrSearchIT lost a batch so once); for an
                // update, a 400 that does not refuse its records (a body cut short in a restart)
                last = e;
                troubleAt = System.nanoTime();
            }
        }
        throw new Unavailable("Solr (" + String.join(", ", urls) + ", collection " + collection
                + ") cannot be reached: " + (last == null ? "no nodes" : last.getMessage()), last);
    }

    /** @return when a node last failed to answer (its {@link System#nanoTime()}): the cluster was unsettled then */
    long troubleAt() {
        return troubleAt;
    }

    @Override
    public void close() {
        for (HttpJdkSolrClient c : clients) {
            try {
                c.close();
            } catch (IOException e) {
                // closing: nothing is waiting on it
            }
        }
    }
}
