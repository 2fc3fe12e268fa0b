package io.switchboard.messaging.core.internal;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
import org.osgi.service.event.EventAdmin;
import org.osgi.service.metatype.annotations.Designate;

import io.switchboard.messaging.api.MessageEvents;
import io.switchboard.messaging.api.MessageRefusedException;
import io.switchboard.messaging.api.MessageState;
import io.switchboard.messaging.api.MessageStore;
import io.switchboard.messaging.api.TextMessage;
import io.switchboard.store.api.Store;

/**
 * Text messages in the database: those waiting for a phone, with a quota per user and a retention,
 * and the history of all, removed after its days. Every change of state posts its event.
 */
@Component(service = MessageStore.class, configurationPid = JdbcMessageStore.PID,
        configurationPolicy = ConfigurationPolicy.OPTIONAL)
@Designate(ocd = MessagingSettings.class)
public class JdbcMessageStore implements MessageStore {

    static final String PID = "io.switchboard.messaging";
    private static final Logger LOG = System.getLogger(JdbcMessageStore.class.getName());

    private final MessageTable table;
    private final HistoryWriter writer;
    private final EventAdmin events;
    private final int maxStored;
    private final Duration retention;
    private final Duration history;
    private final ScheduledExecutorService sweeper;

    @Activate
    public JdbcMessageStore(@Reference Store store, @Reference EventAdmin events, BundleContext context,
            MessagingSettings settings) {
        store.migrate(context.getBundle(), "db/io.switchboard.messaging.core.changelog.xml");
        this.table = new MessageTable(store.dataSource());
        this.writer = new HistoryWriter(table, kept -> post(topic(kept.state()), kept));
        this.events = events;
        this.maxStored = positive("maxStoredPerUser", settings.maxStoredPerUser());
        this.retention = Duration.ofDays(positive("retentionDays", settings.retentionDays()));
        this.history = Duration.ofDays(positive("historyDays", settings.historyDays()));
        this.sweeper = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "switchboard-messages-sweep");
            t.setDaemon(true);
            return t;
        });
        sweeper.scheduleWithFixedDelay(this::sweep, 1, 3600, TimeUnit.SECONDS);
    }

    @Deactivate
    void stop() {
        sweeper.close(); // a sweep running ends first: an interrupt would close H2's file under its write
        writer.stop();
    }


    @Override
    public TextMessage store(TextMessage message) throws MessageRefusedException {
        if (table.countStored(message.to()) >= maxStored) {
            throw new MessageRefusedException(480, message.to() + " has " + maxStored
                    + " messages waiting already (maxStoredPerUser)");
        }
        TextMessage stored = table.insert(message.with(MessageState.STORED, null, null));
        post(MessageEvents.STORED, stored);
        return stored;
    }

    @Override
    public TextMessage record(TextMessage message) {
        writer.add(message);
        return message;
    }

    @Override
    public List<TextMessage> pending(String user) {
        return table.stored(user);
    }

    @Override
    public void update(TextMessage message) {
        table.update(message);
        post(topic(message.state()), message);
    }

    private static String topic(MessageState state) {
        return switch (state) {
            case DELIVERED -> MessageEvents.DELIVERED;
            case FAILED -> MessageEvents.FAILED;
            case EXPIRED -> MessageEvents.EXPIRED;
            case STORED -> MessageEvents.STORED;
        };
    }

    @Override
    public List<TextMessage> history(String user, int limit) {
        return table.newest(user, limit);
    }

    @Override
    public List<TextMessage> after(long afterId, int limit) {
        return table.after(afterId, limit);
    }

    @Override
    public Optional<TextMessage> message(long id) {
        return Optional.ofNullable(table.byId(id));
    }

    @Override
    public boolean claim(TextMessage message, Duration hold) {
        Instant now = Instant.now();
        return table.claim(message.id(), now, now.plus(hold));
    }

    /** Messages no phone took within the retention expire; the history's oldest go. */
    void sweep() {
        try {
            Instant now = Instant.now();
            for (TextMessage m : table.storedBefore(now.minus(retention))) {
                update(m.with(MessageState.EXPIRED, now, "Not delivered within " + retention.toDays() + " days"));
            }
            int removed = table.removeBefore(now.minus(history));
            if (removed > 0) {
                LOG.log(Level.INFO, "Removed " + removed + " text message(s) older than " + history.toDays() + " days");
            }
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Cannot sweep the text messages: " + e.getMessage());
        }
    }

    private void post(String topic, TextMessage m) {
        events.postEvent(new Event(topic, Map.of(MessageEvents.ID, m.id(), MessageEvents.FROM, m.from(),
                MessageEvents.TO, m.to(), MessageEvents.REASON, m.reason() == null ? "" : m.reason())));
    }

    private static int positive(String name, int value) {
        if (value < 1) {
            throw new IllegalArgumentException("Invalid setting " + PID + " " + name + "=" + value + ": 1 or more");
        }
        return value;
    }
}
