package io.switchboard.attendant.core.internal;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;

import io.switchboard.attendant.api.Menu;
import io.switchboard.media.audio.Clip;
import io.switchboard.media.audio.ClipPlayer;
import io.switchboard.phone.api.AudioSource;
import io.switchboard.phone.api.MediaLeg;
import io.switchboard.sip.api.CallControl;
import io.switchboard.sip.api.provisioning.SipUser;

/**
 * One caller in the menus: the greeting, then a key within the timeout. A key that names a destination hands the
 * call on (a redirect; another menu is taken here). In a menu with direct dial the digits are collected up to
 * {@code #} or a pause, then taken as a key or a user's extension, as the menus of most PBXs do. An invalid key
 * or no key plays the greeting again, as often as the menu's retries, then goes where the menu says or says
 * goodbye. A key to the {@link Menu#DIRECTORY directory} lets the caller find a user by last name
 * ({@link NameDirectory}).
 */
final class MenuCall {

    private static final Logger LOG = System.getLogger(MenuCall.class.getName());
    /** The pause that ends a direct dial's digits (or a single key's, in a menu with direct dial). */
    static final int DIGIT_PAUSE_SECONDS = 2;

    private final String callId;
    private final Function<String, Optional<Menu>> menus;
    private final Prompts prompts;
    private final Predicate<String> users;
    private final Supplier<List<SipUser>> directory;
    private final CallControl calls;
    private final ScheduledExecutorService timers;
    private final Source player = new Source();
    private final StringBuilder typed = new StringBuilder();
    private Menu menu;
    private MediaLeg leg;
    private int misses;
    private ScheduledFuture<?> timer;
    /** The directory the caller is in, or null. */
    private NameDirectory names;
    /** Handed on, or saying goodbye: keys change nothing any more. */
    private boolean leaving;
    private boolean ended;

    /** The engine's source of what the caller hears. */
    static final class Source extends ClipPlayer implements AudioSource {
    }

    /**
     * @param menus the menus by name, for a key to another menu
     * @param users whether an extension is a user's, for a direct dial
     * @param directory the users, for the directory
     */
    MenuCall(String callId, Menu menu, Function<String, Optional<Menu>> menus, Prompts prompts,
            Predicate<String> users, Supplier<List<SipUser>> directory, CallControl calls,
            ScheduledExecutorService timers) {
        this.callId = callId;
        this.menu = menu;
        this.menus = menus;
        this.prompts = prompts;
        this.users = users;
        this.directory = directory;
        this.calls = calls;
        this.timers = timers;
    }

    Source player() {
        return player;
    }

    synchronized void start(MediaLeg answered) {
        this.leg = answered;
        greet();
    }

    /** Plays the menu's greeting; the wait for a key starts when it has been played. */
    private void greet() {
        Clip greeting = prompt(menu.greeting());
        player.stop();
        player.play(this::greeted, greeting);
    }

    private synchronized void greeted() {
        if (!leaving && !ended) {
            arm(menu.timeoutSeconds(), this::noKey);
        }
    }

    private void arm(int seconds, Runnable then) {
        cancelTimer();
        timer = timers.schedule(() -> {
            synchronized (this) {
                if (!leaving && !ended) {
                    then.run();
                }
            }
        }, seconds, TimeUnit.SECONDS);
    }

    private void cancelTimer() {
        if (timer != null) {
            timer.cancel(false);
            timer = null;
        }
    }

    /** A key the caller pressed (RFC 4733), on the engine's thread. */
    synchronized void key(int key) {
        if (leaving || ended) {
            return;
        }
        char c = (char) key;
        cancelTimer();
        player.stop();
        if (names != null) {
            follow(names.key(c));
            return;
        }
        // with direct dial, a digit may begin an extension as well as be a key: the digits up to # or a pause tell
        if (menu.directDial() && (Character.isDigit(c) || c == '#' && typed.length() > 0)) {
            if (c == '#') {
                dialTyped();
                return;
            }
            typed.append(c);
            arm(DIGIT_PAUSE_SECONDS, this::dialTyped);
            return;
        }
        String destination = menu.keys().get(String.valueOf(c));
        if (destination == null) {
            miss(Prompts.INVALID, menu.invalidDestination());
            return;
        }
        go(destination);
    }

    private void dialTyped() {
        String extension = typed.toString();
        typed.setLength(0);
        if (menu.keys().containsKey(extension)) {
            go(menu.keys().get(extension));
        } else if (users.test(extension)) {
            go(extension);
        } else {
            LOG.log(Level.DEBUG, "Call " + callId + " typed " + extension + ", no user's extension");
            miss(Prompts.INVALID, menu.invalidDestination());
        }
    }

    private void noKey() {
        miss(null, menu.timeoutDestination());
    }

    /** An invalid key or none: the greeting again while retries are left, then the menu's destination or goodbye. */
    private void miss(String prompt, String destination) {
        misses++;
        if (misses <= menu.retries()) {
            if (prompt != null) {
                player.play(null, prompt(prompt));
            }
            player.play(this::greeted, prompt(menu.greeting()));
            return;
        }
        if (destination != null) {
            go(destination);
        } else {
            goodbye();
        }
    }

    private void go(String destination) {
        if (destination.equals(Menu.DIRECTORY)) {
            names = new NameDirectory(directory, prompts::own);
            follow(names.open());
            return;
        }
        if (destination.startsWith(Menu.MENU)) {
            Optional<Menu> next = menus.apply(destination.substring(Menu.MENU.length()));
            if (next.isPresent()) {
                menu = next.get();
                misses = 0;
                greet();
                return;
            }
            LOG.log(Level.WARNING, "Call " + callId + ": menu " + destination + " is gone");
            unavailable();
            return;
        }
        leaving = true;
        // heard until the destination answers: the switch then joins the caller to it and ends this part
        player.play(this::ringback, prompt(Prompts.CONNECTING));
        // off this call's lock: the switch takes the call's own, under which it may end this part
        timers.execute(() -> handOn(destination));
    }

    private void handOn(String destination) {
        String refused = calls.redirect(callId, destination);
        if (refused == null) {
            return;
        }
        LOG.log(Level.INFO, "Call " + callId + " in menu " + menu.name() + " cannot go to " + destination + ": "
                + refused);
        synchronized (this) {
            if (!ended) {
                leaving = false;
                player.stop();
                unavailable();
            }
        }
    }

    /** Does what the directory says next: hand on, back to the menu, or play and wait for keys. */
    private void follow(NameDirectory.Step step) {
        if (step.chosen() != null) {
            names = null;
            go(step.chosen());
            return;
        }
        Clip[] say = step.say().stream().map(this::prompt).toArray(Clip[]::new);
        if (step.back()) {
            names = null;
            misses = 0;
            player.play(null, say);
            player.play(this::greeted, prompt(menu.greeting()));
            return;
        }
        NameDirectory in = names;
        // a timer that fired while a key left the directory (or began a new one) finds another and does nothing
        Runnable wait = step.collecting() && say.length == 0
                ? () -> arm(DIGIT_PAUSE_SECONDS, () -> stillIn(in, () -> follow(in.pause())))
                : () -> arm(menu.timeoutSeconds(), () -> stillIn(in, () -> follow(step.collecting() ? in.pause()
                        : in.timeout())));
        if (say.length == 0) {
            wait.run();
        } else {
            player.play(() -> waitIn(in, wait), say);
        }
    }

    /** After a directory's prompt: the wait for keys, unless the caller has left it meanwhile. */
    private synchronized void waitIn(NameDirectory in, Runnable wait) {
        stillIn(in, wait);
    }

    /** Runs what the directory's prompt or timer leads to while the caller is still in that directory. */
    private void stillIn(NameDirectory in, Runnable then) {
        if (in != null && names == in && !leaving && !ended) {
            then.run();
        }
    }

    private void ringback() {
        player.play(this::ringback, Clip.ringback(8000));
    }

    /** @return whether the caller, handed on to a destination that failed, is back in this menu */
    synchronized boolean back() {
        if (ended) {
            return false;
        }
        leaving = false;
        misses = 0;
        player.stop();
        unavailable();
        return true;
    }

    private void unavailable() {
        player.play(null, prompt(Prompts.UNAVAILABLE));
        player.play(this::greeted, prompt(menu.greeting()));
    }

    private void goodbye() {
        leaving = true;
        player.play(() -> calls.hangUp(callId), prompt(Prompts.GOODBYE));
    }

    private Clip prompt(String name) {
        try {
            return prompts.get(name);
        } catch (IllegalArgumentException e) {
            // a file removed after the menu was saved: the caller is not left in silence
            LOG.log(Level.WARNING, "Menu " + menu.name() + ": " + e.getMessage() + "; the shipped welcome plays");
            return prompts.get(Prompts.WELCOME);
        }
    }

    synchronized void end() {
        ended = true;
        cancelTimer();
        player.stop();
        if (leg != null) {
            leg.close();
        }
    }
}
