package io.switchboard.attendant.core.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.switchboard.attendant.api.Menu;
import io.switchboard.sip.api.ActiveCall;
import io.switchboard.sip.api.CallControl;
import io.switchboard.sip.api.provisioning.SipUser;

/**
 * A caller's way through menus, the phone engine played by a thread that reads the caller's audio faster than
 * time: keys, direct dial, another menu, retries, a refused destination, and goodbye.
 */
class MenuCallTest {

    @TempDir
    Path prompts;
    private final ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor();
    private final Calls calls = new Calls();
    private final AtomicBoolean playing = new AtomicBoolean(true);

    @AfterEach
    void stop() {
        playing.set(false);
        timers.shutdownNow();
    }

    /** What the menus asked of the switch. */
    private static final class Calls implements CallControl {
        final BlockingQueue<String> redirects = new LinkedBlockingQueue<>();
        final BlockingQueue<String> hungUp = new LinkedBlockingQueue<>();
        final BlockingQueue<String> refusals = new LinkedBlockingQueue<>();

        @Override
        public String redirect(String id, String destination) {
            redirects.add(destination);
            return refusals.poll();
        }

        @Override
        public boolean hangUp(String id) {
            hungUp.add(id);
            return true;
        }

        @Override
        public List<ActiveCall> activeCalls() {
            return List.of();
        }

        @Override
        public boolean transfer(String id, String target) {
            return false;
        }

        @Override
        public boolean tag(String id, String name, String value) {
            return true;
        }

        @Override
        public String connect(String user, String number, String name) {
            throw new AssertionError("a menu places no click-to-call");
        }

        @Override
        public String refusal(String user, String number) {
            return null;
        }
    }

    private static final List<SipUser> DIRECTORY = List.of(new SipUser("201", "Bob Smith", true, null, null),
            new SipUser("202", "Carol Smithers", true, null, null));

    private static Menu menu(String name, Map<String, String> keys, boolean directDial, int retries,
            String invalid) {
        return new Menu(name, Prompts.WELCOME, keys, directDial, 1, retries, null, invalid, null, 1);
    }

    private MenuCall call(Menu first, Menu... others) {
        Map<String, Menu> all = new HashMap<>();
        all.put(first.name(), first);
        for (Menu m : others) {
            all.put(m.name(), m);
        }
        MenuCall c = new MenuCall("call-1", first, name -> Optional.ofNullable(all.get(name)), new Prompts(prompts),
                extension -> extension.startsWith("2"), () -> DIRECTORY, calls, timers);
        c.start(null);
        Thread engine = new Thread(() -> {
            short[] frame = new short[160];
            while (playing.get()) {
                c.player().read(frame, 8000);
                LockSupport.parkNanos(50_000); // audio 400 times faster than time: a greeting ends in milliseconds
            }
        });
        engine.setDaemon(true);
        engine.start();
        return c;
    }

    private String nextRedirect() throws InterruptedException {
        return calls.redirects.poll(10, TimeUnit.SECONDS);
    }

    private static void press(MenuCall c, String keys) {
        for (char k : keys.toCharArray()) {
            c.key(k);
        }
    }

    @Test
    void aKeyHandsTheCallOnToItsDestination() throws Exception {
        MenuCall c = call(menu("800", Map.of("1", "sales"), false, 2, null));
        press(c, "1");
        assertEquals("sales", nextRedirect());
    }

    @Test
    void theDirectoryFindsAUserByLastNameAndStarLeavesIt() throws Exception {
        Menu main = menu("800", Map.of("1", "sales", "9", Menu.DIRECTORY), false, 2, null);
        press(call(main), "97642");
        assertEquals("202", nextRedirect(), "S-M-I, then the second name read out: Carol Smithers");
        press(call(main), "9*1");
        assertEquals("sales", nextRedirect(), "star left the directory: 1 is the menu's key again");
    }

    @Test
    void withDirectDialAKeyEndsWithHashAndAnExtensionIsDialled() throws Exception {
        Menu main = menu("800", Map.of("2", "menu:801"), true, 2, null);
        Menu second = menu("801", Map.of("3", "support"), false, 2, null);
        press(call(main, second), "2#3");
        assertEquals("support", nextRedirect(), "key 2 to the second menu, then its key 3");
        press(call(main, second), "202#");
        assertEquals("202", nextRedirect(), "an extension dialled directly");
    }

    @Test
    void invalidKeysPastTheRetriesGoWhereTheMenuSays() throws Exception {
        MenuCall c = call(menu("800", Map.of("1", "sales"), false, 1, "reception"));
        press(c, "9");
        assertNull(calls.redirects.poll(200, TimeUnit.MILLISECONDS), "one retry: the greeting plays again");
        press(c, "9");
        assertEquals("reception", nextRedirect());
    }

    @Test
    void aDestinationThatRefusesLeavesTheCallerInTheMenu() throws Exception {
        calls.refusals.add("busy");
        MenuCall c = call(menu("800", Map.of("1", "sales", "2", "support"), false, 2, null));
        press(c, "1");
        assertEquals("sales", nextRedirect());
        // the refusal plays "cannot take your call" and the greeting again: the caller's next key counts
        String next = null;
        for (int i = 0; i < 50 && next == null; i++) {
            press(c, "2");
            next = calls.redirects.poll(100, TimeUnit.MILLISECONDS);
        }
        assertEquals("support", next);
    }

    @Test
    void aCallerWhoseChoiceFoundNobodyIsBackAndChoosesAgain() throws Exception {
        MenuCall c = call(menu("800", Map.of("1", "sales", "2", "support"), false, 2, null));
        press(c, "1");
        assertEquals("sales", nextRedirect());
        press(c, "2");
        assertNull(calls.redirects.poll(200, TimeUnit.MILLISECONDS), "on the way to sales: keys change nothing");
        assertEquals(true, c.back(), "the switch brings the caller back: nobody at sales");
        press(c, "2");
        assertEquals("support", nextRedirect());
        c.end();
        assertEquals(false, c.back(), "a call that ended is not taken back");
    }

    @Test
    void noKeyAtAllHearsGoodbye() throws Exception {
        call(menu("800", Map.of("1", "sales"), false, 0, null));
        assertEquals("call-1", calls.hungUp.poll(10, TimeUnit.SECONDS), "the timeout, then goodbye");
        assertNull(calls.redirects.poll(), "no destination: the menu has none for a timeout");
    }
}
