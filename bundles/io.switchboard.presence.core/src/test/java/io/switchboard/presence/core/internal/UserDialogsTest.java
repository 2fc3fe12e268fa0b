package io.switchboard.presence.core.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.Test;

class UserDialogsTest {

    private static String doc(UserDialogs dialogs) {
        return new String(dialogs.document("bob", "sip:bob@example.com", 1, true), StandardCharsets.UTF_8);
    }

    @Test
    void anEndedCallIsShownOnlyToTheNotifyThatTellsOfItsEnd() throws Exception {
        UserDialogs dialogs = new UserDialogs();
        UserDialogs.Dialog ringing = new UserDialogs.Dialog("c1", "abc@host", false, "early", "alice", Instant.now());
        dialogs.put("bob", ringing);
        assertTrue(doc(dialogs).contains("<state>early</state>"), doc(dialogs));

        UserDialogs.Dialog over = new UserDialogs.Dialog("c1", "abc@host", false, "terminated", "alice",
                ringing.since());
        String[] told = new String[2];
        dialogs.ended("bob", over, () -> {
            told[0] = doc(dialogs);
            // a SUBSCRIBE answered on another thread at this moment sees bob idle
            told[1] = CompletableFuture.supplyAsync(() -> doc(dialogs)).join();
        });
        assertTrue(told[0].contains("<state>terminated</state>"), told[0]);
        assertTrue(told[0].contains("sip:alice@example.com"), told[0]);
        assertFalse(told[1].contains("<dialog "), told[1]);
        assertFalse(doc(dialogs).contains("<dialog "), "gone after its NOTIFY: " + doc(dialogs));
        assertEquals(0, dialogs.of("bob").size());
    }

    @Test
    void aWatcherWithoutThePartiesSeesTheStateAndAnOpaqueIdOnly() {
        UserDialogs dialogs = new UserDialogs();
        dialogs.put("bob", new UserDialogs.Dialog("c7", "a84b4c76e66710@pc33.example.com", true, "confirmed",
                "+15550100999", Instant.now()));
        String hidden = new String(dialogs.document("bob", "sip:bob@example.com", 2, false), StandardCharsets.UTF_8);
        assertTrue(hidden.contains("<state>confirmed</state>") && hidden.contains("direction=\"initiator\""), hidden);
        assertFalse(hidden.contains("a84b4c76e66710") || hidden.contains("call-id="), "no Call-ID: " + hidden);
        assertFalse(hidden.contains("5550100999") || hidden.contains("<remote>"), "no other party: " + hidden);
        assertFalse(hidden.contains("id=\"c7\""), hidden);
        String again = new String(dialogs.document("bob", "sip:bob@example.com", 3, false), StandardCharsets.UTF_8);
        String id = hidden.replaceAll("(?s).*<dialog id=\"([^\"]+)\".*", "$1");
        assertTrue(id.startsWith("d-") && again.contains("<dialog id=\"" + id + "\""), "the same id each time: " + again);
        String whole = new String(dialogs.document("bob", "sip:bob@example.com", 4, true), StandardCharsets.UTF_8);
        assertTrue(whole.contains("call-id=\"a84b4c76e66710@pc33.example.com\"")
                && whole.contains("<identity>sip:+15550100999@example.com</identity>"), whole);
    }
}
