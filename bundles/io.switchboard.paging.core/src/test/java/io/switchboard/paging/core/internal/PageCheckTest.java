package io.switchboard.paging.core.internal;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Collections;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import io.switchboard.paging.api.PageGroup;

/** What a page group may not be saved with: each refusal names the field. */
class PageCheckTest {

    private final PageCheck check = new PageCheck(Set.of("alice", "bob", "paging")::contains, "paging");

    @Test
    void aGroupOfUsersIsTaken() {
        assertDoesNotThrow(() -> check.check(group("800", List.of("alice", "bob"))));
    }

    @Test
    void badGroupsAreRefusedNamingTheField() {
        refused("name:", group("8 00", List.of("alice")));
        refused("name: alice is a user's", group("alice", List.of("bob")));
        refused("members: 0", group("800", List.of()));
        refused("members: carol is no user", group("800", List.of("alice", "carol")));
        refused("members: paging is no user", group("800", List.of("paging")));
        refused("members: bob is named twice", group("800", List.of("bob", "bob")));
        refused("members: 101", group("800", Collections.nCopies(101, "alice")));
        refused("members: their names take more than 4000", group("800", Collections.nCopies(100,
                "a-user-with-a-very-long-name-made-of-many-words-x")));
    }

    private void refused(String start, PageGroup g) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> check.check(g));
        assertTrue(e.getMessage().startsWith(start), e.getMessage());
    }

    private static PageGroup group(String name, List<String> members) {
        return new PageGroup(name, members, false, null, 0);
    }
}
