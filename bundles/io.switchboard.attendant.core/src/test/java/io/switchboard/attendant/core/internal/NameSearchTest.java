package io.switchboard.attendant.core.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.switchboard.sip.api.provisioning.SipUser;

class NameSearchTest {

    private static SipUser user(String name, String displayName, boolean enabled) {
        return new SipUser(name, displayName, enabled, null, null);
    }

    @Test
    void lettersAreTheKeysThatSpellThem() {
        assertEquals("76484", NameSearch.keys("Smith"));
        assertEquals("2223334445556667777888999", NameSearch.keys("abcdefghijklmnopqrstuvwxyz").substring(0, 25));
        assertEquals("364", NameSearch.keys("Dög"), "an accent is dropped: o");
        assertEquals("66345", NameSearch.keys("O'Neil-"), "other characters are skipped: ONEIL");
    }

    @Test
    void theLastNameIsTheNamesLastWord() {
        assertEquals("Smith", NameSearch.lastName("  Bob  Smith "));
        assertEquals("Cher", NameSearch.lastName("Cher"));
        assertNull(NameSearch.lastName(" "));
        assertNull(NameSearch.lastName(null));
    }

    @Test
    void usersAreFoundByTheirLastNamesFirstKeysInNameOrder() {
        List<SipUser> users = List.of(user("202", "Carol Smithers", true), user("201", "Bob Smith", true),
                user("203", "Dan Smith", true), user("204", "Eve Snow", true), user("205", "Old Smith", false),
                user("206", null, true), user("207", "Fay Brown", true));
        assertEquals(List.of("201", "203", "202"), NameSearch.find("764", users).stream().map(NameSearch.Entry::user)
                .toList(), "Smith (Bob, Dan), then Smithers; Snow is 766, the disabled and the nameless are not in it");
        assertEquals(List.of("201", "203", "202", "204"), NameSearch.find("76", users).stream()
                .map(NameSearch.Entry::user).toList());
        assertEquals(List.of(), NameSearch.find("999", users));
    }
}
