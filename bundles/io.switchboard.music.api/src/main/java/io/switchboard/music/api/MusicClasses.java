package io.switchboard.music.api;

import java.util.List;

import org.osgi.annotation.versioning.ProviderType;

import io.switchboard.media.audio.Clip;

/**
 * The music classes: each a name and the admin's pieces of music, played one after the other in a loop. The
 * class {@value #DEFAULT} is what a queue, a parking slot or a held call plays when it names none; while it has no
 * pieces of its own it is the server's built-in music, as is a class that names no pieces. Kept in the database:
 * every server of a cluster plays the same.
 */
@ProviderType
public interface MusicClasses {

    /** The class a queue, a slot or a hold plays when it names none. */
    String DEFAULT = "default";

    /**
     * @param className a class's name; null or blank for {@value #DEFAULT}
     * @param rate the sample rate the caller's leg plays at
     * @return the class's pieces one after the other at that rate; the built-in music for a class without pieces
     */
    Clip music(String className, int rate);

    /** @return every class that has pieces, by name */
    List<MusicClass> classes();

    /** @return whether the class has pieces of its own */
    boolean exists(String className);

    /**
     * @param user a user of the switch
     * @return the music class the user's callers hear when the user holds them, or null: the relay's setting (since
     *         1.1)
     */
    default String classOf(String user) {
        return null;
    }
}
