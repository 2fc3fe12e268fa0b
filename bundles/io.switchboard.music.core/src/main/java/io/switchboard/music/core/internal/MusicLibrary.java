package io.switchboard.music.core.internal;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
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
import io.switchboard.store.api.Store;
import io.switchboard.store.api.StoreException;
import io.switchboard.store.rows.RefreshedRows;

/**
 * The music classes, kept in the database. The list of pieces is read again within a few seconds of a change
 * another server made; a class's audio is read and made the caller's rate at its first use after a change, and kept.
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

    private final MusicTable table;
    private final RefreshedRows<MusicClass> classes;
    /** The audio of classes by name, then by rate, of the pieces listed when it was made. */
    private final Map<String, Played> played = new ConcurrentHashMap<>();

    private record Played(MusicClass listed, Map<Integer, Clip> byRate) {
    }

    @Activate
    public MusicLibrary(@Reference Store store, BundleContext context) {
        store.migrate(context.getBundle(), "db/io.switchboard.music.core.changelog.xml");
        this.table = new MusicTable(store.dataSource());
        this.classes = new RefreshedRows<>("music classes", table::classes, REFRESH_SECONDS);
    }

    MusicLibrary(MusicTable table) {
        this.table = table;
        this.classes = new RefreshedRows<>("music classes", table::classes, REFRESH_SECONDS);
    }

    @Deactivate
    void stop() {
        classes.close();
    }

    @Override
    public Clip music(String className, int rate) {
        String name = className == null || className.isBlank() ? DEFAULT : className;
        MusicClass listed = classes.all().get(name);
        if (listed == null) {
            return Clip.music(rate);
        }
        Played p = played.get(name);
        if (p == null || !p.listed().equals(listed)) {
            p = new Played(listed, new ConcurrentHashMap<>());
            played.put(name, p);
        }
        try {
            return p.byRate().computeIfAbsent(rate, r -> Clip.joined(table.audio(name), r));
        } catch (StoreException e) {
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

    /** @return one piece's audio as stored, or null */
    Clip piece(String className, String name) {
        return table.piece(className, name);
    }

    /**
     * Stores a piece, kept at {@value #MAX_RATE} samples a second at most.
     *
     * @return whether the class had no piece of that name before
     * @throws IllegalArgumentException naming a bad class or piece name
     */
    boolean store(String className, String name, Clip clip) {
        check("class", className);
        check("piece", name);
        classes.reload();
        boolean created = listed(className, name) == null;
        table.put(className, name, clip.rate() > MAX_RATE ? clip.resampled(MAX_RATE) : clip);
        classes.reload();
        return created;
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
    }
}
