package io.switchboard.attendant.core.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import java.util.function.Supplier;

import io.switchboard.sip.api.provisioning.SipUser;

/**
 * A caller in a menu's dial-by-name directory: the first letters of a last name on the keypad (three, or fewer
 * ended by {@code #} or a pause), then the names found read out, each with its key. More than {@link #CHOICES}
 * found asks for another letter; none found asks again, {@link #SEARCHES} times in all. {@code *} starts a new
 * search while choosing, and leaves the directory while typing. The menu plays what each step says and waits.
 */
final class NameDirectory {

    /** Keys 1 to 8 choose; a phone's 9, 0, * and # stay free for more letters and for leaving. */
    static final int CHOICES = 8;
    static final int LETTERS = 3;
    static final int SEARCHES = 3;

    /**
     * What comes next.
     *
     * @param say the prompts to play, in order
     * @param chosen the user the caller chose, or null
     * @param back whether the caller leaves the directory for the menu
     * @param collecting whether more letters may follow (the menu waits a short pause, then {@link #pause})
     */
    record Step(List<String> say, String chosen, boolean back, boolean collecting) {

        static Step say(String... prompts) {
            return new Step(List.of(prompts), null, false, false);
        }
    }

    private final Supplier<List<SipUser>> users;
    private final Predicate<String> ownPrompt;
    private final StringBuilder typed = new StringBuilder();
    private List<NameSearch.Entry> found = List.of();
    private int searches;
    /** How many letters the last search had: a pause with no more after "enter another letter" is a miss. */
    private int searched = -1;

    /** @param ownPrompt whether the admin has a prompt of that name (a user's spoken name, {@code name-USER}) */
    NameDirectory(Supplier<List<SipUser>> users, Predicate<String> ownPrompt) {
        this.users = users;
        this.ownPrompt = ownPrompt;
    }

    Step open() {
        typed.setLength(0);
        found = List.of();
        searched = -1;
        return Step.say(Prompts.DIRECTORY);
    }

    Step key(char key) {
        if (!found.isEmpty()) {
            return choose(key);
        }
        if (key == '*') {
            return new Step(List.of(), null, true, false);
        }
        if (key == '#') {
            return typed.isEmpty() ? open() : search();
        }
        if (key < '2' || key > '9') {
            typed.setLength(0); // no letter: the caller starts the name again
            return new Step(List.of(Prompts.INVALID, Prompts.DIRECTORY), null, false, false);
        }
        typed.append(key);
        return typed.length() >= LETTERS ? search() : new Step(List.of(), null, false, true);
    }

    /** The caller paused after some letters: search with those; after "enter another letter", none more came. */
    Step pause() {
        if (typed.length() == searched) {
            return missed(Prompts.DIRECTORY_NONE);
        }
        return typed.isEmpty() ? open() : search();
    }

    /** Nothing pressed after a prompt: back to the menu, whose own retries count from there. */
    Step timeout() {
        return new Step(List.of(), null, true, false);
    }

    private Step missed(String prompt) {
        searches++;
        if (searches >= SEARCHES) {
            return new Step(List.of(prompt), null, true, false);
        }
        open();
        return Step.say(prompt, Prompts.DIRECTORY);
    }

    private Step choose(char key) {
        int choice = key - '0';
        if (key == '*') {
            return open();
        }
        if (choice >= 1 && choice <= found.size()) {
            return new Step(List.of(), found.get(choice - 1).user(), false, false);
        }
        List<String> again = new ArrayList<>(List.of(Prompts.INVALID));
        again.addAll(readOut());
        return new Step(again, null, false, false);
    }

    private Step search() {
        List<NameSearch.Entry> matches = NameSearch.find(typed.toString(), users.get());
        searched = typed.length();
        if (matches.isEmpty()) {
            return missed(Prompts.DIRECTORY_NONE);
        }
        if (matches.size() > CHOICES) {
            // another letter narrows it: each further one searches again
            return new Step(List.of(Prompts.DIRECTORY_MORE), null, false, true);
        }
        found = matches;
        return new Step(readOut(), null, false, false);
    }

    /** "For S, M, I, T, H, extension 2 0 1, press 1", for each name found. */
    private List<String> readOut() {
        List<String> say = new ArrayList<>();
        for (int i = 0; i < found.size(); i++) {
            NameSearch.Entry e = found.get(i);
            say.add(Prompts.FOR);
            String spoken = "name-" + e.user();
            if (ownPrompt.test(spoken)) {
                say.add(spoken);
            } else {
                NameSearch.letters(e.lastName()).chars().forEach(c -> say.add(Prompts.letter((char) c)));
            }
            if (e.user().chars().allMatch(Character::isDigit)) {
                say.add(Prompts.EXTENSION);
                e.user().chars().forEach(d -> say.add(Prompts.digit((char) d)));
            }
            say.add(Prompts.PRESS);
            say.add(Prompts.digit((char) ('1' + i)));
        }
        return say;
    }
}
