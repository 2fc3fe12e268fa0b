package io.switchboard.attendant.core.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

import io.switchboard.media.audio.Clip;

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

    /**
     * @return the prompt of that name: the admin's file first, else the shipped one
     * @throws IllegalArgumentException naming what is missing or unreadable, and where a file would go
     */
    Clip get(String name) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("'" + name + "' is no prompt name: letters, digits, '.', '_', '-'");
        }
        Path file = folder.resolve(name + ".wav");
        if (Files.isRegularFile(file)) {
            try {
                return Clip.read(file);
            } catch (IOException e) {
                throw new IllegalArgumentException("the prompt file " + file + " cannot be played (" + e.getMessage()
                        + "): a WAV of 16-bit PCM, mono");
            }
        }
        if (!SHIPPED.contains(name)) {
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
