package io.switchboard.messaging.search.lucene.internal;

import java.io.IOException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventConstants;
import org.osgi.service.event.EventHandler;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

import io.switchboard.messaging.api.MessageEvents;
import io.switchboard.messaging.api.MessageSearch;
import io.switchboard.messaging.api.MessageStore;
import io.switchboard.messaging.api.TextMessage;

/**
 * The search of the message history, on a Lucene index in {@code <data>/index/messages} derived
 * from the {@link MessageStore}: each message's events put its latest state in the index, a start
 * catches up with what the store got meanwhile, and messages past the history's days leave it.
 * Settings {@value #PID}; the content of messages is indexed only with {@code indexContent = true}.
 */
@Component(service = { MessageSearch.class, EventHandler.class }, immediate = true, configurationPid = LuceneMessageSearch.PID,
        configurationPolicy = ConfigurationPolicy.OPTIONAL,
        property = EventConstants.EVENT_TOPIC + "=" + MessageEvents.TOPIC_PREFIX + "*")
@Designate(ocd = LuceneMessageSearch.Config.class)
public class LuceneMessageSearch implements MessageSearch, EventHandler {

    static final String PID = "io.switchboard.messaging.search";
    private static final Logger LOG = System.getLogger(LuceneMessageSearch.class.getName());
    private static final int PAGE = 1000;
    /** how often the index takes in what the store got: a new message is searchable within about this */
    private static final long BATCH_MILLIS = 2000;
    /**
     * How often what the batches wrote is made durable: each commit writes a segment, and more of
     * them mean more merging; after a crash the catch-up adds what the last commit did not hold.
     */
    private static final long COMMIT_SECONDS = 30;

    @ObjectClassDefinition(name = "Switchboard text message search (Lucene)")
    @interface Config {
        @AttributeDefinition(name = "Index what messages say", description = "Off: the search finds messages "
                + "by who, when, where and how, never by their words (docs/security.md, privacy)")
        boolean indexContent() default false;

        @AttributeDefinition(name = "Index folder", required = false,
                description = "Empty: index/messages in the server's data folder")
        String folder() default "";
    }

    private final MessageStore store;
    private final MessageIndex index;
    /** ids of indexed messages whose state changed since the last batch */
    private final Set<Long> changed = ConcurrentHashMap.newKeySet();
    private final ScheduledExecutorService worker = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "switchboard-message-index");
        t.setDaemon(true);
        return t;
    });

    @Activate
    public LuceneMessageSearch(BundleContext context, Config config, @Reference MessageStore store) throws IOException {
        this(store, new MessageIndex(config.folder().isBlank()
                ? Path.of(String.valueOf(context.getProperty("switchboard.data")), "index", "messages")
                : Path.of(config.folder()), config.indexContent()));
    }

    LuceneMessageSearch(MessageStore store, MessageIndex index) {
        this.store = store;
        this.index = index;
        worker.execute(this::catchUp);
        worker.scheduleWithFixedDelay(this::batch, BATCH_MILLIS, BATCH_MILLIS, TimeUnit.MILLISECONDS);
        worker.scheduleWithFixedDelay(this::commit, COMMIT_SECONDS, COMMIT_SECONDS, TimeUnit.SECONDS);
        worker.scheduleWithFixedDelay(this::expire, 1, 60, TimeUnit.MINUTES);
    }

    @Deactivate
    void close() throws IOException, InterruptedException {
        worker.shutdown();
        worker.awaitTermination(10, TimeUnit.SECONDS);
        index.close();
    }

    /**
     * A new message is picked up by the next catch-up with all others since (one query, one refresh
     * of the index a batch); a change to one already indexed (a kept message delivered) waits for
     * the next batch too: a read and an index refresh per event cost more than the switch spent
     * relaying the message (docs/benchmarks.md).
     */
    @Override
    public void handleEvent(Event event) {
        if (event.getProperty(MessageEvents.ID) instanceof Long id && id <= index.lastId()) {
            changed.add(id);
        }
    }

    @Override
    public Hits search(String query, boolean mayReadContent, int limit) {
        return index.search(MessageQueryParser.parse(query, index.withContent(), mayReadContent), limit);
    }

    @Override
    public boolean indexesContent() {
        return index.withContent();
    }

    /** Adds what the store holds past the index's highest id, a page at a time, and drops what it no longer holds. */
    private void catchUp() {
        try {
            long added = addNew();
            expire();
            if (added > 0) {
                index.commit();
                LOG.log(Level.INFO, "Message index: " + added + " message(s) added from the database");
            }
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.WARNING, "Message index: cannot catch up with the database now: " + e.getMessage());
        }
    }

    /** @return how many messages the store holds past the index's highest id, now added a page at a time */
    private long addNew() {
        long added = 0;
        for (List<TextMessage> page; !(page = store.after(index.lastId(), PAGE)).isEmpty();) {
            index.add(page);
            added += page.size();
        }
        return added;
    }

    /** The new messages since the last batch, and the changes to those already in the index. */
    private void batch() {
        try {
            addNew();
            if (!changed.isEmpty()) {
                List<TextMessage> updated = new ArrayList<>();
                for (Long id : List.copyOf(changed)) {
                    changed.remove(id);
                    store.message(id).ifPresent(updated::add);
                }
                index.put(updated);
            }
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Message index: cannot take in the latest messages now: " + e.getMessage());
        }
    }

    /** Makes durable what the batches put. */
    private void commit() {
        try {
            index.commit();
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.WARNING, "Message index: cannot commit: " + e.getMessage());
        }
    }

    /** Drops what the store removed as past its history's days. */
    private void expire() {
        try {
            List<TextMessage> oldest = store.after(0, 1);
            index.deleteBelow(oldest.isEmpty() ? index.lastId() + 1 : oldest.get(0).id());
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Message index: cannot drop expired messages: " + e.getMessage());
        }
    }
}
