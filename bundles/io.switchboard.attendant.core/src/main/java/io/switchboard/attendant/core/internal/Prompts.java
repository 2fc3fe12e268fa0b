package io.switchboard.attendant.core.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import io.switchboard.media.audio.Clip;
import io.switchboard.media.audio.Uploads;

/**
 * What menus play: the prompts the bundle ships (English, spoken by CMU Flite's voice slt, under
 * {@code prompts/en/att-NAME.wav}), and the admin's own WAV files in the prompt folder, which win by name.
 */
final class Prompts {

    static final String WELCOME = "welcome";
    static final String INVALID = "invalid";
    static final String CONNECTING = "connecting";
    static final String UNAVAILABLE = "unavailable";
    static final String GOODBYE = "goodbye";
    static final String PLEASE_HOLD = "please-hold";
    static final List<String> SHIPPED = List.of(WELCOME, INVALID, CONNECTING, UNAVAILABLE, GOODBYE, PLEASE_HOLD);
    static final String DIRECTORY = "directory";
    static final String DIRECTORY_NONE = "directory-none";
    static final String DIRECTORY_MORE = "directory-more";
    static final String FOR = "for";
    static final String EXTENSION = "extension";
    static final String PRESS = "press";
    /** The directory's words, its letters a to z and its digits: shipped, but no greeting a menu would name. */
    private static final Pattern SPOKEN = Pattern.compile("directory(-none|-more)?|for|extension|press|letter-[a-z]"
            + "|digit-[0-9]");
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,63}");

    private final Path folder;
    private final Map<String, Clip> shipped = new ConcurrentHashMap<>();

    /** @param folder where the admin's prompts are, {@code NAME.wav} */
    Prompts(Path folder) {
        this.folder = folder;
    }

    Path folder() {
        return folder;
    }

    static String letter(char a) {
        return "letter-" + a;
    }

    static String digit(char d) {
        return "digit-" + d;
    }

    /** @return whether a name may be a prompt's */
    static boolean isName(String name) {
        return name != null && NAME.matcher(name).matches();
    }

    /** @return whether the admin has a prompt of that name */
    boolean own(String name) {
        return isName(name) && Files.isRegularFile(folder.resolve(name + ".wav"));
    }

    /** The most an uploaded prompt may weigh: ten minutes of 16-bit mono at 8 kHz, about a minute at 48 kHz stereo. */
    static final int MAX_BYTES = 10 << 20;

    /**
     * Stores an admin's prompt: a WAV of PCM (8 or 16 bits, mono or stereo, any rate), kept as 16-bit mono at its
     * own rate (a call hears it at the call's), written whole before it replaces one of the same name.
     *
     * @return how long it plays, in seconds
     * @throws IllegalArgumentException naming what is wrong with the name or the audio
     */
    double store(String name, byte[] wav) throws IOException {
        check(name);
        Clip clip = Uploads.mono(wav, MAX_BYTES);
        Files.createDirectories(folder);
        clip.write(folder.resolve(name + ".wav"));
        return clip.seconds();
    }

    /** Keeps a prompt recorded from a phone under that name, written whole before it replaces one. */
    void keep(String name, Clip clip) throws IOException {
        check(name);
        Files.createDirectories(folder);
        Path part = folder.resolve(name + ".wav.part");
        clip.write(part);
        Files.move(part, folder.resolve(name + ".wav"), StandardCopyOption.REPLACE_EXISTING,
                StandardCopyOption.ATOMIC_MOVE);
    }

    /** @return the names of the admin's own prompts */
    List<String> own() throws IOException {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(folder)) {
            return files.map(f -> f.getFileName().toString()).filter(n -> n.endsWith(".wav"))
                    .map(n -> n.substring(0, n.length() - 4)).filter(n -> NAME.matcher(n).matches()).sorted().toList();
        }
    }

    /** @return the file of an admin's prompt, or null when there is none */
    Path file(String name) {
        check(name);
        Path file = folder.resolve(name + ".wav");
        return Files.isRegularFile(file) ? file : null;
    }

    private static void check(String name) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("'" + name + "' is no prompt name: letters, digits, '.', '_', '-'");
        }
    }

    /**
     * @return the prompt of that name: the admin's file first, else the shipped one
     * @throws IllegalArgumentException naming what is missing or unreadable, and where a file would go
     */
    Clip get(String name) {
        check(name);
        Path file = folder.resolve(name + ".wav");
        if (Files.isRegularFile(file)) {
            try {
                return Clip.read(file);
            } catch (IOException e) {
                throw new IllegalArgumentException("the prompt file " + file + " cannot be played (" + e.getMessage()
                        + "): a WAV of 16-bit PCM, mono");
            }
        }
        if (!SHIPPED.contains(name) && !SPOKEN.matcher(name).matches()) {
            throw new IllegalArgumentException("no prompt " + name + ": neither shipped " + SHIPPED + " nor a file "
                    + file);
        }
        return shipped.computeIfAbsent(name, n -> {
            try (InputStream in = Prompts.class.getResourceAsStream("/prompts/en/att-" + n + ".wav")) {
                if (in == null) {
                    throw new IOException("not in the bundle");
                }
                return Clip.read(in);
            } catch (IOException e) {
                throw new UncheckedIOException("Shipped prompt " + n + ": " + e.getMessage(), e);
            }
        });
    }
}
