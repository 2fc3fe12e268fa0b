package io.switchboard.voicemail.core.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.switchboard.media.audio.Clip;

/**
 * The shipped prompts, by name and language: WAV files in the bundle under {@code prompts/<lang>/}
 * (English: spoken by CMU Flite's voice slt, see docs/voicemail.md), read once.
 */
final class Prompts {

    static final String UNAVAILABLE = "vm-unavailable";
    static final String NO_MESSAGES = "vm-no-messages";
    static final String MENU = "vm-menu";
    static final String GOODBYE = "vm-goodbye";
    static final String DELETED = "vm-deleted";
    static final String SAVED = "vm-saved";
    static final String MAILBOX = "vm-mailbox";
    static final String PIN = "vm-pin";
    static final String WRONG = "vm-wrong";
    static final String RECORD_GREETING = "vm-record-greeting";
    static final String GREETING_SAVED = "vm-greeting-saved";
    static final String BUSY = "vm-busy";
    static final String IS_UNAVAILABLE = "vm-is-unavailable";
    static final String RECORD_BUSY = "vm-record-busy";
    static final String RECORD_NAME = "vm-record-name";
    static final String NEW_PIN = "vm-new-pin";
    static final String PIN_CHANGED = "vm-pin-changed";
    static final String CALLING_BACK = "vm-calling-back";
    static final String NO_CALL_BACK = "vm-no-call-back";

    private final String language;
    private final Map<String, Clip> loaded = new ConcurrentHashMap<>();

    Prompts(String language) {
        this.language = language;
        if (Prompts.class.getResource("/prompts/" + language + "/" + UNAVAILABLE + ".wav") == null) {
            throw new IllegalArgumentException("Invalid setting io.switchboard.voicemail language=" + language
                    + ": no prompts in that language (en)");
        }
    }

    Clip get(String name) {
        return loaded.computeIfAbsent(name, n -> {
            try (InputStream in = Prompts.class.getResourceAsStream("/prompts/" + language + "/" + n + ".wav")) {
                if (in == null) {
                    throw new IOException("no prompt " + n);
                }
                return Clip.read(in);
            } catch (IOException e) {
                throw new UncheckedIOException("Prompt " + n + " (" + language + "): " + e.getMessage(), e);
            }
        });
    }
}
