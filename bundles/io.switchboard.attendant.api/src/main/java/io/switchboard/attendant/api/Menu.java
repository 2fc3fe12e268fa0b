package io.switchboard.attendant.api;

import java.util.Map;

/**
 * An auto attendant's menu: what a caller hears and where each key takes them.
 *
 * @param name the extension that reaches it; a number of the inventory names it as its destination
 * @param greeting what plays first: a shipped prompt's name ({@link Menus#prompts()}) or the name of a WAV file
 *            (16-bit PCM, mono) in the attendant's prompt folder, without {@code .wav}
 * @param keys a key ({@code 0}-{@code 9}, {@code *}, {@code #}) to its destination: a user, a ring group, a
 *            mailbox ({@code voicemail:alice}), a call target, a number of the inventory, or another menu
 *            ({@code menu:NAME}), or the {@link #DIRECTORY directory}; never a number outside
 * @param directDial whether a caller may type a user's extension, ended by {@code #} or a pause, among the keys
 *            no entry of {@code keys} takes
 * @param timeoutSeconds how long the menu waits for a key after its greeting
 * @param retries how often the greeting plays again after a timeout or an invalid key before the menu gives up
 * @param timeoutDestination where a caller who pressed nothing goes after the retries; null: goodbye
 * @param invalidDestination where a caller goes after as many invalid keys; null: goodbye
 * @param description the admin's note
 * @param version the stored version (0 before it is stored): a change made against another is refused
 */
public record Menu(String name, String greeting, Map<String, String> keys, boolean directDial, int timeoutSeconds,
        int retries, String timeoutDestination, String invalidDestination, String description, long version) {

    /** The prefix of a destination that is another menu: {@code menu:sales}. */
    public static final String MENU = "menu:";

    /**
     * The destination that is the dial-by-name directory: the caller types the first letters of a user's last name
     * and picks one of the names read out.
     *
     * @since 1.1
     */
    public static final String DIRECTORY = "directory";

    public Menu {
        keys = keys == null ? Map.of() : Map.copyOf(keys);
    }

    /** @return this menu as stored at {@code version} */
    public Menu withVersion(long version) {
        return new Menu(name, greeting, keys, directDial, timeoutSeconds, retries, timeoutDestination,
                invalidDestination, description, version);
    }
}
