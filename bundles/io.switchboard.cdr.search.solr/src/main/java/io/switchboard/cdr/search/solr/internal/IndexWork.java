package io.switchboard.cdr.search.solr.internal;

import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

import org.apache.solr.client.solrj.request.UpdateRequest;
import org.apache.solr.common.SolrException;
import org.apache.solr.common.SolrInputDocument;

/** Records added to the collection, or deleted from it, in one update request. */
final class IndexWork implements Outbox.Work {

    /** Searchable within a second, as the index interface promises. */
    private static final int COMMIT_WITHIN_MILLIS = 1000;
    /**
     * A 400 that says the request could not be read whole: its body was cut short (a node restarting
     * while it arrived: SolrSearchIT lost 44 records so), not a judgement of the records in it.
     */
    private static final Pattern UNREAD = Pattern.compile("(?i)\\bEOF\\b|end of (input|stream|file)|truncat"
            + "|could not (be )?read|cannot be read|premature|missing content stream|must start and end within");
    /** A 400 that names what in the records Solr cannot take: a field, the unique key, a character. */
    private static final Pattern CONTENT = Pattern.compile("(?i)\\bfield\\b|uniqueKey|document id|illegal character"
            + "|invalid character|CTRL-CHAR");

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
        try {
            nodes.request(update, IndexWork::refusesRecords);
        } catch (SolrException e) {
            throw new Outbox.Refused(e);
        }
    }

    /**
     * Whether Solr refused the records themselves, so that sending them again cannot help. Only a
     * 400 can, and only one that names a document or what is wrong in it; an answer that says the
     * body could not be read, or one this does not recognise, keeps the work to be sent again (the
     * outbox's limit bounds what waits), since a record dropped here is gone until a rebuild.
     */
    static boolean refusesRecords(SolrException e) {
        if (e.code() != SolrException.ErrorCode.BAD_REQUEST.code) {
            return false;
        }
        String why = String.valueOf(e.getMessage());
        if (why.contains("[doc=")) {
            return true; // Solr's own prefix for a document it refused
        }
        return !UNREAD.matcher(why).find() && CONTENT.matcher(why).find();
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
