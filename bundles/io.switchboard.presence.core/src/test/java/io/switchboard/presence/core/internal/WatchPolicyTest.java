package io.switchboard.presence.core.internal;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.annotation.Annotation;
import java.util.List;
import java.util.function.BiPredicate;

import org.junit.jupiter.api.Test;

class WatchPolicyTest {

    private static final BiPredicate<String, String> SALES = (a, b) -> a.startsWith("sales-") && b.startsWith("sales-");

    @Test
    void colleaguesAndAllowedPairsWatchOthersDoNot() {
        WatchPolicy p = new WatchPolicy(WatchPolicy.Scope.COLLEAGUES, List.of(new WatchPolicy.Pair("reception", "*"),
                new WatchPolicy.Pair("*", "lobby")), List.of(new WatchPolicy.Pair("reception", "*")));
        assertNull(p.refusal("sales-ann", "sales-bob", SALES));
        assertNull(p.refusal("reception", "ceo", SALES));
        assertNull(p.refusal("mallory", "lobby", SALES));
        assertNull(p.refusal("mallory", "mallory", SALES), "one's own calls");
        String refused = p.refusal("mallory", "ceo", SALES);
        assertNotNull(refused);
        assertTrue(refused.contains("mallory may not watch ceo"), refused);
        assertTrue(p.showsParties("reception", "ceo"));
        assertTrue(p.showsParties("ceo", "ceo"));
        assertFalse(p.showsParties("sales-ann", "sales-bob"), "a colleague sees the lamp, not whom they talk to");
    }

    @Test
    void listedAndEveryone() {
        WatchPolicy listed = new WatchPolicy(WatchPolicy.Scope.LISTED, List.of(), List.of());
        assertNotNull(listed.refusal("sales-ann", "sales-bob", SALES), "listed: groups do not count");
        WatchPolicy all = new WatchPolicy(WatchPolicy.Scope.EVERYONE, List.of(), List.of());
        assertNull(all.refusal("mallory", "ceo", SALES));
        assertFalse(all.showsParties("mallory", "ceo"));
    }

    @Test
    void badEntriesAreNamed() {
        WatchSettings bad = settings("colleagues", new String[] { "reception" });
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> WatchPolicy.of(bad));
        assertTrue(e.getMessage().contains("allow entry 'reception'"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> WatchPolicy.of(settings("friends", new String[0])));
    }

    private static WatchSettings settings(String watch, String[] allow) {
        return new WatchSettings() {
            @Override
            public Class<? extends Annotation> annotationType() {
                return WatchSettings.class;
            }

            @Override
            public String watch() {
                return watch;
            }

            @Override
            public String[] allow() {
                return allow;
            }

            @Override
            public String[] showParties() {
                return new String[0];
            }
        };
    }
}
