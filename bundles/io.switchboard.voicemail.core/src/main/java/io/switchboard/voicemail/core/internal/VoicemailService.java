package io.switchboard.voicemail.core.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventAdmin;
import org.osgi.service.metatype.annotations.Designate;

import io.switchboard.media.audio.Clip;
import io.switchboard.phone.api.PhoneEngine;
import io.switchboard.sip.api.CallControl;
import io.switchboard.sip.api.provisioning.NumberService;
import io.switchboard.sip.api.provisioning.UserService;
import io.switchboard.sip.api.subscription.Subscriptions;
import io.switchboard.store.api.Store;
import io.switchboard.voicemail.api.Mailbox;
import io.switchboard.voicemail.api.VoiceMessage;
import io.switchboard.voicemail.api.Voicemail;
import io.switchboard.voicemail.api.VoicemailEvents;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;

/**
 * The mailboxes: messages kept as WAV files under {@code data/voicemail/<user>/} with their
 * metadata in the database, mailed as they come ({@link Mailer}), counted for message-waiting
 * lamps ({@link MessageWaiting}). Settings {@value VoicemailSettings#PID}.
 */
@Component(service = { Voicemail.class, VoicemailService.class }, configurationPid = VoicemailSettings.PID)
@Designate(ocd = VoicemailSettings.class)
public class VoicemailService implements Voicemail {

    /** Event Admin topic of a message left: properties {@code mailbox}, {@code id}, {@code caller}. */
    public static final String LEFT = VoicemailEvents.LEFT;
    private static final Logger LOG = System.getLogger(VoicemailService.class.getName());
    /** RMS of a 20 ms frame under which the end of a message counts as silence and is trimmed. */
    static final double SILENCE = 200;

    private final VoicemailSettings settings;
    private final Prompts prompts;
    private final MessageTable table;
    private final Path folder;
    private final Mailer mailer;
    private final Greetings greetings;
    private final PinLogins logins;
    private final UnsolicitedLamps lamps;
    /** Mails go out on a few connections at once: a message's mail never waits behind a slow one. */
    static final int MAIL_THREADS = 4;
    private final AtomicInteger mailThreads = new AtomicInteger();
    private final ScheduledExecutorService mail = Executors.newScheduledThreadPool(MAIL_THREADS, r -> {
        Thread t = new Thread(r, "switchboard-voicemail-mail-" + mailThreads.incrementAndGet());
        t.setDaemon(true);
        return t;
    });
    /** Ends of calls and messages kept: off the SIP threads and the phone engine's audio thread. */
    private final ExecutorService work = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "switchboard-voicemail");
        t.setDaemon(true);
        return t;
    });

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile CallControl calls;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile Subscriptions subscriptions;
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile EventAdmin events;

    @Activate
    public VoicemailService(VoicemailSettings settings, @Reference Store store, BundleContext context)
            throws IOException {
        this.settings = check(settings);
        this.prompts = new Prompts(settings.language());
        store.migrate(context.getBundle(), "db/io.switchboard.voicemail.core.changelog.xml");
        this.table = new MessageTable(store.dataSource());
        this.folder = Path.of(String.valueOf(context.getProperty("switchboard.data")), "voicemail");
        Files.createDirectories(folder);
        if (folder.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("rwx------"));
        }
        this.mailer = new Mailer(settings, table, this::delete);
        this.greetings = new Greetings(folder);
        this.logins = new PinLogins(table);
        this.lamps = new UnsolicitedLamps(table::unsolicited);
        // mail that a stop interrupted goes now
        table.mailPending().forEach(r -> mail.execute(() -> mailer.send(r, folder.resolve(r.file()), 0, mail)));
    }

    @Deactivate
    void stop() throws InterruptedException {
        work.shutdown();
        work.awaitTermination(10, TimeUnit.SECONDS); // messages being kept are kept
        mail.shutdownNow();
    }

    /** Runs blocking work (a PIN's check) off the audio thread. */
    void later(Runnable task) {
        work.execute(task);
    }

    /** @return the user whose mailbox a number typed on a keypad names: the user of that name or number */
    Optional<String> mailboxOf(String digits, UserService users,
            NumberService numbers) {
        if (users.user(digits).isPresent()) {
            return Optional.of(digits);
        }
        for (String n : List.of("+" + digits, digits)) {
            Optional<String> user = numbers.number(n).map(p -> p.destination()).filter(d -> users.user(d).isPresent());
            if (user.isPresent()) {
                return user;
            }
        }
        return Optional.empty();
    }

    /** Ends a call in voicemail (the goodbye said, the longest message reached), from another thread. */
    void hangUp(String callId) {
        work.execute(() -> {
            CallControl c = calls;
            if (c != null) {
                c.hangUp(callId);
            }
        });
    }

    /** @return whether the listener's phone was asked to call {@code target} instead (the call then ends) */
    boolean transfer(String callId, String target) {
        CallControl c = calls;
        return c != null && c.transfer(callId, target);
    }

    /** @return whether a message's caller can be called back: a user name or number, not withheld */
    static boolean callable(String caller) {
        return caller != null && !caller.isBlank() && !caller.equalsIgnoreCase("anonymous")
                && caller.matches("[+]?[A-Za-z0-9._-]+");
    }

    VoicemailSettings settings() {
        return settings;
    }

    Prompts prompts() {
        return prompts;
    }

    /** @return whether the mailbox holds as many messages as it may */
    boolean full(String mailbox) {
        int[] counts = table.counts(mailbox);
        return counts[0] + counts[1] >= settings.maxMessages();
    }

    /** A caller hung up: the message is kept, unless too short once its silent end is trimmed. */
    void deposit(Deposit d, Clip recorded) {
        work.execute(() -> keep(d, recorded));
    }

    private void keep(Deposit d, Clip recorded) {
        Clip clip = recorded.trimmed(SILENCE);
        if (clip.seconds() < settings.minSeconds()) {
            LOG.log(Level.INFO, "Message from " + d.caller + " for " + d.mailbox + " dropped: "
                    + String.format("%.1f", clip.seconds()) + " s of sound, less than " + settings.minSeconds());
            return;
        }
        try {
            Path box = Files.createDirectories(folder.resolve(d.mailbox));
            String file = d.mailbox + "/" + UUID.randomUUID() + ".wav";
            clip.write(folder.resolve(file));
            Mailbox settings = mailbox(d.mailbox);
            VoiceMessage m = table.insert(new VoiceMessage(0, d.mailbox, d.caller, d.callerName, d.callId, Instant.now(),
                    (int) Math.round(clip.seconds()), false, settings.email() == null ? "none" : "pending"), file);
            LOG.log(Level.INFO, "Message " + m.id() + " from " + d.caller + " for " + d.mailbox + ": " + m.seconds()
                    + " s in " + box);
            changed(d.mailbox);
            EventAdmin admin = events;
            if (admin != null) {
                Map<String, Object> p = new HashMap<>();
                p.put(VoicemailEvents.MAILBOX, d.mailbox);
                p.put(VoicemailEvents.ID, m.id());
                p.put(VoicemailEvents.SECONDS, m.seconds());
                for (String[] kv : new String[][] { { VoicemailEvents.CALLER, d.caller },
                    { VoicemailEvents.CALLER_NAME, d.callerName }, { VoicemailEvents.CALL_ID, d.callId } }) {
                    if (kv[1] != null) {
                        p.put(kv[0], kv[1]);
                    }
                }
                admin.postEvent(new Event(LEFT, p));
            }
            if (settings.email() != null) {
                MessageTable.Row row = new MessageTable.Row(m, file);
                mail.execute(() -> mailer.send(row, folder.resolve(file), 0, mail));
            }
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.ERROR, "Message from " + d.caller + " for " + d.mailbox + " lost: " + e.getMessage());
        }
    }

    /**
     * @param busy whether the caller found the user busy
     * @return what a caller hears before the beep: the owner's busy or unavailable greeting, else
     *         the shipped one, said with the owner's recorded name when there is one
     */
    List<Clip> greeting(String mailbox, boolean busy) {
        Optional<Clip> own = busy ? greetings.get(mailbox, Greetings.Kind.BUSY).or(() -> greetings.get(mailbox,
                Greetings.Kind.UNAVAILABLE)) : greetings.get(mailbox, Greetings.Kind.UNAVAILABLE);
        if (own.isPresent()) {
            return List.of(own.get());
        }
        Optional<Clip> name = greetings.get(mailbox, Greetings.Kind.NAME);
        if (name.isPresent() && !busy) {
            return List.of(name.get(), prompts.get(Prompts.IS_UNAVAILABLE));
        }
        return List.of(prompts.get(busy ? Prompts.BUSY : Prompts.UNAVAILABLE));
    }

    /** Keeps a greeting the owner recorded from their phone. */
    void greeting(String mailbox, Greetings.Kind kind, Clip recorded) {
        greetings.keep(mailbox, kind, recorded);
    }

    /** Message-waiting lamps of the mailbox's owner follow, subscribed or unsolicited. */
    private void changed(String mailbox) {
        Subscriptions s = subscriptions;
        if (s != null) {
            s.changed(MessageWaiting.EVENT, mailbox);
        }
    }

    /** @return new and old messages of a mailbox */
    int[] counts(String mailbox) {
        return table.counts(mailbox);
    }

    /** @return the address the caller's media can reach: the setting, else the phone engine's choice */
    String mediaHost(String offer, PhoneEngine engine) {
        return settings.address().isBlank() ? engine.hostFor(offer) : settings.address().trim();
    }

    @Override
    public List<VoiceMessage> messages(String mailbox) {
        return table.inBox(mailbox).stream().map(MessageTable.Row::message).toList();
    }

    @Override
    public Optional<VoiceMessage> message(long id) {
        return table.byId(id).map(MessageTable.Row::message);
    }

    @Override
    public Optional<Path> audio(long id) {
        return table.byId(id).map(r -> folder.resolve(r.file())).filter(Files::isRegularFile);
    }

    @Override
    public boolean delete(long id) {
        Optional<MessageTable.Row> row = table.byId(id);
        if (row.isEmpty() || !table.delete(id)) {
            return false;
        }
        try {
            Files.deleteIfExists(folder.resolve(row.get().file()));
        } catch (IOException e) {
            throw new UncheckedIOException("Message " + id + " deleted, its audio not: " + e.getMessage(), e);
        } finally {
            changed(row.get().message().mailbox());
        }
        return true;
    }

    @Override
    public boolean heard(long id, boolean heard) {
        Optional<MessageTable.Row> row = table.byId(id);
        if (row.isEmpty() || !table.heard(id, heard)) {
            return false;
        }
        changed(row.get().message().mailbox());
        return true;
    }

    @Override
    public Mailbox mailbox(String user) {
        return table.mailbox(user).orElse(new Mailbox(user, null, null, false, false));
    }

    @Override
    public boolean enabled(String user) {
        Boolean own = mailbox(user).enabled();
        return own != null ? own : settings.enabledByDefault();
    }

    @Override
    public void pin(String user, String pin) {
        table.pin(user, Pins.hash(pin));
    }

    /** Checks a PIN typed on a phone (PBKDF2: call it off the audio and SIP threads). @see PinLogins */
    boolean login(String user, String pin, String from) {
        return logins.login(user, pin, from);
    }

    @Override
    public void save(Mailbox mailbox) {
        if (mailbox.email() != null) {
            try {
                new InternetAddress(mailbox.email(), true);
            } catch (AddressException e) {
                throw new IllegalArgumentException("email: '" + mailbox.email() + "' is not an e-mail address");
            }
        }
        boolean before = lamps.wants(mailbox.user());
        table.save(mailbox);
        lamps.saved(mailbox.user(), mailbox.unsolicited());
        if (mailbox.unsolicited() && !before) {
            changed(mailbox.user()); // the phones' lamps show the mailbox from now on
        }
    }

    /** @return whether the user's phones are told of new messages without subscribing */
    boolean unsolicited(String user) {
        return lamps.wants(user);
    }

    /** @return the settings, or an exception naming the bad one */
    private static VoicemailSettings check(VoicemailSettings s) {
        if (s.maxSeconds() < 5) {
            throw new IllegalArgumentException("Invalid setting " + VoicemailSettings.PID + " maxSeconds=" + s.maxSeconds() + ": 5 or more");
        }
        if (s.minSeconds() < 0 || s.minSeconds() >= s.maxSeconds()) {
            throw new IllegalArgumentException("Invalid setting " + VoicemailSettings.PID + " minSeconds=" + s.minSeconds()
                    + ": 0 or more, below maxSeconds");
        }
        if (s.maxMessages() < 1) {
            throw new IllegalArgumentException("Invalid setting " + VoicemailSettings.PID + " maxMessages=" + s.maxMessages() + ": 1 or more");
        }
        if (!s.security().matches("none|starttls|smtps")) {
            throw new IllegalArgumentException("Invalid setting " + VoicemailSettings.PID + " security='" + s.security()
                    + "': none, starttls or smtps");
        }
        return s;
    }
}
