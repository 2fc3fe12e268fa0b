package io.switchboard.attendant.core.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import io.switchboard.sip.api.provisioning.SipUser;

/** The directory's dialogue: what a caller hears after each key, and whom they reach. */
class NameDirectoryTest {

    private final List<SipUser> users = new ArrayList<>(List.of(new SipUser("201", "Bob Smith", true, null, null),
            new SipUser("carol", "Carol Smithers", true, null, null), new SipUser("301", "Ann Lee", true, null, null)));

    private NameDirectory directory(String... ownPrompts) {
        Set<String> own = Set.of(ownPrompts);
        NameDirectory d = new NameDirectory(() -> users, own::contains);
        assertEquals(List.of("directory"), d.open().say());
        return d;
    }

    private static NameDirectory.Step press(NameDirectory d, String keys) {
        NameDirectory.Step last = null;
        for (char k : keys.toCharArray()) {
            last = d.key(k);
        }
        return last;
    }

    @Test
    void threeLettersReadOutTheNamesFoundEachWithItsKey() {
        NameDirectory d = directory("name-carol");
        NameDirectory.Step typing = press(d, "76");
        assertTrue(typing.collecting() && typing.say().isEmpty(), "waits for a third letter: " + typing);
        NameDirectory.Step found = d.key('4');
        assertEquals(List.of("for", "letter-s", "letter-m", "letter-i", "letter-t", "letter-h", "extension", "digit-2",
                "digit-0", "digit-1", "press", "digit-1", "for", "name-carol", "press", "digit-2"), found.say(),
                "Smith spelled with his extension; Carol by the name she recorded, her user no extension to say");
        assertEquals("carol", d.key('2').chosen());
    }

    @Test
    void fewerLettersAreSearchedAfterHashOrAPause() {
        NameDirectory d = directory();
        assertEquals("301", press(d, "5#").say().contains("letter-l") ? d.key('1').chosen() : null);
        NameDirectory e = directory();
        e.key('5');
        assertTrue(e.pause().say().contains("letter-e"), "Lee read out after a pause");
    }

    @Test
    void aWrongChoiceReadsTheNamesAgainAndStarSearchesAnew() {
        NameDirectory d = directory();
        press(d, "764");
        NameDirectory.Step wrong = d.key('5');
        assertNull(wrong.chosen());
        assertEquals("invalid", wrong.say().get(0));
        assertEquals("for", wrong.say().get(1));
        assertEquals(List.of("directory"), d.key('*').say(), "a new search");
        assertEquals("201", press(d, "7641").chosen());
    }

    @Test
    void moreThanEightFoundAsksForAnotherLetter() {
        for (int i = 0; i < 9; i++) {
            users.add(new SipUser("4" + i, "Guest Smiley" + (char) ('a' + i), true, null, null));
        }
        NameDirectory d = directory();
        NameDirectory.Step more = press(d, "764");
        assertEquals(List.of("directory-more"), more.say());
        assertTrue(more.collecting());
        NameDirectory.Step narrowed = d.key('8');
        assertEquals(2, narrowed.say().stream().filter("press"::equals).count(), "Smith and Smithers: " + narrowed);
        assertEquals("carol", d.key('2').chosen());
        NameDirectory e = directory();
        press(e, "764");
        assertEquals(List.of("directory-none", "directory"), e.pause().say(), "no further letter came: asked again");
    }

    @Test
    void noNameFoundAsksAgainThenLeavesForTheMenu() {
        NameDirectory d = directory();
        assertEquals(List.of("directory-none", "directory"), press(d, "999").say());
        assertEquals(List.of("directory-none", "directory"), press(d, "999").say());
        NameDirectory.Step third = press(d, "999");
        assertTrue(third.back(), "three searches found nobody: back to the menu");
        NameDirectory leaving = directory();
        assertTrue(leaving.key('*').back(), "star while typing leaves the directory");
        assertFalse(directory().key('1').back(), "1 spells no letter: said again");
    }
}
