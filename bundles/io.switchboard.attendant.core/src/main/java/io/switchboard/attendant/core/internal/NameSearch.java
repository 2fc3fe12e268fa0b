package io.switchboard.attendant.core.internal;

import java.text.Normalizer;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

import io.switchboard.sip.api.provisioning.SipUser;

/**
 * The directory's search: the users whose last name begins with the letters a caller typed on the keypad (2 for
 * A, B or C ... 9 for W, X, Y or Z), as the directories of most PBXs do. Only enabled users with a name are in it;
 * the last name is the name's last word.
 */
final class NameSearch {

    /** One user found. */
    record Entry(String user, String name, String lastName) {
    }

    private static final String KEYPAD = "22233344455566677778889999";
    private static final Comparator<Entry> ORDER = Comparator.comparing((Entry e) -> e.lastName().toLowerCase(
            Locale.ROOT)).thenComparing(e -> e.name().toLowerCase(Locale.ROOT)).thenComparing(Entry::user);

    private NameSearch() {
    }

    /** @return a name's letters, a to z: accents dropped, other characters skipped */
    static String letters(String name) {
        String plain = Normalizer.normalize(name, Normalizer.Form.NFD).toLowerCase(Locale.ROOT);
        StringBuilder letters = new StringBuilder();
        for (char c : plain.toCharArray()) {
            if (c >= 'a' && c <= 'z') {
                letters.append(c);
            }
        }
        return letters.toString();
    }

    /** @return the keys that spell a name's letters */
    static String keys(String name) {
        StringBuilder keys = new StringBuilder();
        letters(name).chars().forEach(c -> keys.append(KEYPAD.charAt(c - 'a')));
        return keys.toString();
    }

    /** @return a name's last word, or null when it has none */
    static String lastName(String name) {
        if (name == null || name.isBlank()) {
            return null;
        }
        String[] words = name.trim().split("\\s+");
        return words[words.length - 1];
    }

    /** @return the users whose last name the typed keys begin, by last name, then name */
    static List<Entry> find(String typed, List<SipUser> users) {
        return users.stream().filter(SipUser::enabled).filter(u -> lastName(u.displayName()) != null)
                .map(u -> new Entry(u.username(), u.displayName().trim(), lastName(u.displayName())))
                .filter(e -> keys(e.lastName()).startsWith(typed)).sorted(ORDER).toList();
    }
}
