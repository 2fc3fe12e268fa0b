package io.switchboard.cdr.search.solr.internal;

import java.util.List;
import java.util.Set;

import org.apache.solr.client.solrj.request.UpdateRequest;
import org.apache.solr.common.SolrInputDocument;

/** Records added to the collection, or deleted from it, in one update request. */
final class IndexWork implements Outbox.Work {

    /** Searchable within a second, as the index interface promises. */
    private static final int COMMIT_WITHIN_MILLIS = 1000;

    private final SolrNodes nodes;
    private final List<SolrInputDocument> docs; // null for deletions
    private final List<String> ids;
    private final int attempt;

    private IndexWork(SolrNodes nodes, List<SolrInputDocument> docs, List<String> ids, int attempt) {
        this.nodes = nodes;
        this.docs = docs;
        this.ids = ids;
        this.attempt = attempt;
    }

    static IndexWork adding(SolrNodes nodes, List<SolrInputDocument> docs) {
        return new IndexWork(nodes, List.copyOf(docs), docs.stream().map(d -> (String) d.getFieldValue("id")).toList(), 0);
    }

    static IndexWork deleting(SolrNodes nodes, List<String> ids) {
        return new IndexWork(nodes, null, List.copyOf(ids), 0);
    }

    @Override
    public List<String> ids() {
        return ids;
    }

    @Override
    public boolean deletes() {
        return docs == null;
    }

    @Override
    public int attempt() {
        return attempt;
    }

    @Override
    public void send() {
        UpdateRequest update = new UpdateRequest();
        if (docs == null) {
            update.deleteById(ids);
        } else {
            update.add(docs);
        }
        update.setCommitWithin(COMMIT_WITHIN_MILLIS);
        nodes.request(update);
    }

    @Override
    public Outbox.Work retry(Set<String> some) {
        if (docs == null) {
            return new IndexWork(nodes, null, ids.stream().filter(some::contains).toList(), attempt + 1);
        }
        List<SolrInputDocument> kept = docs.stream().filter(d -> some.contains((String) d.getFieldValue("id"))).toList();
        return new IndexWork(nodes, kept, kept.stream().map(d -> (String) d.getFieldValue("id")).toList(), attempt + 1);
    }
}
