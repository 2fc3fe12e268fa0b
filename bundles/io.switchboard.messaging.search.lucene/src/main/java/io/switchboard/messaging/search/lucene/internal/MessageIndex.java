package io.switchboard.messaging.search.lucene.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.lucene.document.LongPoint;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.search.Sort;
import org.apache.lucene.search.SortField;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.store.FSDirectory;

import io.switchboard.messaging.api.MessageSearch;
import io.switchboard.messaging.api.TextMessage;

/**
 * The Lucene index of the message history in one folder. It remembers, in its commits, the highest
 * message id it holds and whether it holds content, so that a restart catches up from there and a
 * change of the content setting rebuilds it.
 */
final class MessageIndex implements AutoCloseable {

    private static final String LAST_ID = "lastId";
    private static final String WITH_CONTENT = "withContent";
    private static final Sort NEWEST_FIRST = new Sort(new SortField(MessageFields.RECEIVED, SortField.Type.LONG, true));

    private final FSDirectory directory;
    private final IndexWriter writer;
    private final SearcherManager searchers;
    private final boolean withContent;
    private long lastId;
    private long committedLastId = -1;

    /** @param withContent whether messages' words are indexed; an index made with the other setting is emptied */
    MessageIndex(Path folder, boolean withContent) throws IOException {
        Files.createDirectories(folder);
        this.directory = FSDirectory.open(folder);
        this.writer = new IndexWriter(directory, new IndexWriterConfig(MessageQueryParser.ANALYZER));
        this.withContent = withContent;
        Map<String, String> committed = new HashMap<>();
        writer.getLiveCommitData().forEach(e -> committed.put(e.getKey(), e.getValue()));
        if (!String.valueOf(withContent).equals(committed.getOrDefault(WITH_CONTENT, String.valueOf(withContent)))) {
            writer.deleteAll(); // the content setting changed: rebuilt from the store
        } else {
            lastId = Long.parseLong(committed.getOrDefault(LAST_ID, "0"));
        }
        this.searchers = new SearcherManager(writer, null);
        commit();
    }

    boolean withContent() {
        return withContent;
    }

    /** @return the highest message id indexed (0 when empty): the store's later ones are still to add */
    synchronized long lastId() {
        return lastId;
    }

    /** Replaces each message's document; the next search finds them. */
    void put(Collection<TextMessage> messages) {
        write(messages, true);
    }

    /** Adds messages above {@link #lastId()}, which the index cannot hold yet; the next search finds them. */
    void add(Collection<TextMessage> messages) {
        write(messages, false);
    }

    private void write(Collection<TextMessage> messages, boolean replace) {
        if (messages.isEmpty()) {
            return;
        }
        try {
            for (TextMessage m : messages) {
                if (replace) {
                    writer.updateDocument(new Term(MessageFields.KEY, Long.toString(m.id())),
                            MessageFields.document(m, withContent));
                } else {
                    writer.addDocument(MessageFields.document(m, withContent));
                }
                synchronized (this) {
                    lastId = Math.max(lastId, m.id());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Removes the messages below this id: the store no longer has them (past the history's days). */
    void deleteBelow(long id) {
        try {
            writer.deleteDocuments(LongPoint.newRangeQuery(MessageFields.ID, Long.MIN_VALUE, id - 1));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    MessageSearch.Hits search(Query query, int limit) {
        try {
            // a search sees what the batches wrote: refreshed here, not on every batch, so that a busy
            // switch whose history nobody searches writes a segment per commit, not one per batch
            searchers.maybeRefreshBlocking();
            IndexSearcher searcher = searchers.acquire();
            try {
                TopDocs top = searcher.search(query, Math.max(1, limit), NEWEST_FIRST);
                List<Long> ids = new ArrayList<>();
                var stored = searcher.storedFields();
                for (ScoreDoc d : top.scoreDocs) {
                    ids.add(stored.document(d.doc).getField(MessageFields.ID).numericValue().longValue());
                }
                return new MessageSearch.Hits(searcher.count(query), limit == 0 ? List.of() : ids);
            } finally {
                searchers.release(searcher);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Makes what was put durable, with the highest id and the content setting. */
    synchronized void commit() throws IOException {
        if (!writer.hasUncommittedChanges() && lastId == committedLastId) {
            return;
        }
        committedLastId = lastId;
        writer.setLiveCommitData(Map.of(LAST_ID, Long.toString(lastId), WITH_CONTENT, String.valueOf(withContent))
                .entrySet());
        writer.commit();
    }

    @Override
    public void close() throws IOException {
        commit();
        searchers.close();
        writer.close();
        directory.close();
    }
}
