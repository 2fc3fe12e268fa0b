package io.switchboard.music.core.internal;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Pattern;

import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;

import io.switchboard.media.audio.Clip;
import io.switchboard.music.api.MusicClass;
import io.switchboard.music.api.MusicClasses;
import io.switchboard.music.api.MusicPiece;
import io.switchboard.sip.api.provisioning.UserService;
import io.switchboard.store.api.Store;
import io.switchboard.store.rows.RefreshedRows;

/**
 * The music classes, kept in the database. The list of pieces is read again within a few seconds of a change
 * another server made; a class's music is read and made each rate asked for on a thread of its own, never on a
 * caller's: until it is ready, a caller hears the built-in music. A change is made ready at once, at a phone's rate.
 */
@Component(service = { MusicClasses.class, MusicLibrary.class })
public class MusicLibrary implements MusicClasses {

    private static final Logger LOG = System.getLogger(MusicLibrary.class.getName());
    /** How soon a change another server made is followed here. */
    static final int REFRESH_SECONDS = 5;
    /** A class's or a piece's name: what a path and a setting may carry as it is. */
    static final Pattern NAME = Pattern.compile("[A-Za-z0-9_-]{1,64}");
    /** The highest rate a piece is kept at: the wideband codecs' (G.722); more is never heard on a phone. */
    static final int MAX_RATE = 16000;
    /** The most a class plays before it starts again: each rate's copy is kept in memory. */
    static final int MAX_CLASS_SECONDS = 30 * 60;
    /** The rate queues, parking and held calls play at. */
    private static final int PHONE_RATE = 8000;

    /** The path of users' classes in the API: no class takes its name. */
    static final String USERS = "users";

    private final MusicTable table;
    private final RefreshedRows<MusicClass> classes;
    private final MusicUsers userTable;
    private final RefreshedRows<MusicUsers.Chosen> users;
    private final UserService accounts;
    /** The music of classes by name, then by rate, of the pieces listed when it was made. */
    private final Map<String, Made> made = new ConcurrentHashMap<>();
    private final ExecutorService maker = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "switchboard-music");
        t.setDaemon(true);
        return t;
    });

    private record Made(MusicClass listed, Map<Integer, CompletableFuture<Clip>> byRate) {
    }

    @Activate
    public MusicLibrary(@Reference Store store, @Reference UserService accounts, BundleContext context) {
        store.migrate(context.getBundle(), "db/io.switchboard.music.core.changelog.xml");
        this.accounts = accounts;
        this.table = new MusicTable(store.dataSource());
        this.userTable = new MusicUsers(store.dataSource());
        this.users = new RefreshedRows<>("users' music", userTable::all, REFRESH_SECONDS);
        this.classes = new RefreshedRows<>("music classes", table::classes, REFRESH_SECONDS);
        classes.listen(this::changed);
        maker.execute(this::changed); // the classes a phone plays, ready before the first caller
    }

    /** The list changed: classes gone are forgotten, and each class's music made at a phone's rate. */
    private void changed() {
        Map<String, MusicClass> listed = classes.all();
        made.keySet().retainAll(listed.keySet());
        listed.keySet().forEach(name -> prepare(name, listed.get(name), PHONE_RATE));
    }

    @Deactivate
    void stop() {
        users.close();
        classes.close();
        maker.shutdownNow();
    }

    @Override
    public Clip music(String className, int rate) {
        String name = className == null || className.isBlank() ? DEFAULT : className;
        MusicClass listed = classes.all().get(name);
        if (listed == null) {
            return Clip.music(rate);
        }
        CompletableFuture<Clip> clip = prepare(name, listed, rate);
        return clip.isDone() && !clip.isCompletedExceptionally() ? clip.join() : Clip.music(rate);
    }

    /** @return the class's music at the rate, made or being made on the library's thread */
    private CompletableFuture<Clip> prepare(String name, MusicClass listed, int rate) {
        Made m = made.compute(name, (k, old) -> old != null && old.listed().equals(listed) ? old
                : new Made(listed, new ConcurrentHashMap<>()));
        return m.byRate().computeIfAbsent(rate, r -> CompletableFuture.supplyAsync(() -> make(name, r), maker));
    }

    private Clip make(String name, int rate) {
        try {
            List<Clip> pieces = table.audio(name);
            return pieces.isEmpty() ? Clip.music(rate) : Clip.joined(pieces, rate);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Music class " + name + " cannot be read; the built-in music plays: "
                    + e.getMessage());
            return Clip.music(rate);
        }
    }

    @Override
    public List<MusicClass> classes() {
        return List.copyOf(classes.all().values());
    }

    @Override
    public boolean exists(String className) {
        return className != null && classes.all().containsKey(className);
    }

    @Override
    public String classOf(String user) {
        MusicUsers.Chosen chosen = user == null ? null : users.all().get(user);
        return chosen == null ? null : chosen.className();
    }

    /** @return each user's class and its version, by user */
    Map<String, MusicUsers.Chosen> userClasses() {
        return users.all();
    }

    /**
     * Sets the class the user's callers hear when the user holds them.
     *
     * @param expected the version the change was made against (0: none may be stored; -1: whichever)
     * @return the stored version
     * @throws IllegalArgumentException naming no such user, or a class without pieces
     *         (a change made against another is refused: the store's stale version exception)
     */
    long choose(String user, String className, long expected) {
        if (user == null || accounts.user(user).isEmpty()) {
            throw new IllegalArgumentException("user: " + user + " is no user");
        }
        check("class", className);
        if (!DEFAULT.equals(className) && !exists(className)) {
            throw new IllegalArgumentException("class: no music class " + className + " (store its pieces first: "
                    + "PUT /music/" + className + "/{piece})");
        }
        long version = userTable.put(user, className, expected);
        users.reload();
        return version;
    }

    boolean unchoose(String user) {
        boolean had = userTable.delete(user);
        users.reload();
        return had;
    }

    /** @return one piece's audio as stored, or null */
    Clip piece(String className, String name) {
        return table.piece(className, name);
    }

    /**
     * Stores a piece, kept at {@value #MAX_RATE} samples a second at most, on the condition the write checks.
     *
     * @param storedAt with {@link MusicTable.Condition#STORED}, when the piece replaced was stored, or null
     * @return false when the condition failed
     * @throws IllegalArgumentException naming a bad name, or a class that would play too long
     */
    boolean store(String className, String name, Clip clip, MusicTable.Condition condition,
            OffsetDateTime storedAt) {
        check("class", className);
        check("piece", name);
        classes.reload();
        MusicClass c = classes.all().get(className);
        MusicPiece old = listed(className, name);
        double seconds = (c == null ? 0 : c.seconds()) - (old == null ? 0 : old.seconds()) + clip.seconds();
        if (seconds > MAX_CLASS_SECONDS) {
            throw new IllegalArgumentException("class: " + className + " would play " + Math.round(seconds / 60)
                    + " minutes, more than the " + MAX_CLASS_SECONDS / 60 + " a class may");
        }
        boolean stored = table.put(className, name, clip.rate() > MAX_RATE ? clip.resampled(MAX_RATE) : clip,
                condition, storedAt);
        classes.reload();
        MusicClass now = classes.all().get(className);
        if (stored && now != null) {
            prepare(className, now, PHONE_RATE).join(); // the next caller hears it: the answer waits for it
        }
        return stored;
    }

    boolean delete(String className, String name) {
        boolean deleted = table.delete(className, name);
        classes.reload();
        return deleted;
    }

    /** @return the piece as listed (at most a few seconds old for another server's change), or null */
    MusicPiece listed(String className, String name) {
        MusicClass c = classes.all().get(className);
        return c == null ? null : c.pieces().stream().filter(p -> p.name().equals(name)).findFirst().orElse(null);
    }

    static void check(String what, String name) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException(what + ": " + name + " is no name: letters, digits, - and _, at most "
                    + "64");
        }
        if (what.equals("class") && name.equals(USERS)) {
            throw new IllegalArgumentException("class: " + USERS + " is the API's (/music/users)");
        }
    }
}
