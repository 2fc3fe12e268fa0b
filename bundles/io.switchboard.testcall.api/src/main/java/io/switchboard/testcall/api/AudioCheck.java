package io.switchboard.testcall.api;

import java.util.Locale;

/** What a test call expects to hear once answered. */
public enum AudioCheck {
    /** Its own test tone back: the far end is an echo test number (audio both ways). */
    ECHO,
    /** Any sound (an announcement, a tone): the far end's audio reaches the switch. */
    ANY,
    /** Nothing: the answer alone is the test. */
    NONE;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** @throws IllegalArgumentException naming the checks there are */
    public static AudioCheck of(String id) {
        for (AudioCheck c : values()) {
            if (c.id().equalsIgnoreCase(id == null ? "" : id.trim())) {
                return c;
            }
        }
        throw new IllegalArgumentException("Invalid audio check '" + id + "': echo, any or none");
    }

    /** @return {@link #id()}: JSON writes and reads it so */
    @Override
    public String toString() {
        return id();
    }
}
