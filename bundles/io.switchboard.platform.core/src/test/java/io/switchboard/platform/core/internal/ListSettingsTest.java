package io.switchboard.platform.core.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;

import org.junit.jupiter.api.Test;

class ListSettingsTest {

    @Test
    void aListWrittenWithCommasIsItsEntries() {
        String[] blocked = { "+882", "+883", "+979" };
        assertArrayEquals(blocked, ListSettings.split("+882, +883, +979"), "as a .cfg line gives it");
        assertArrayEquals(blocked, ListSettings.split(new String[] { "+882,+883 ,, +979," }), "as DS would give it");
        assertArrayEquals(blocked, ListSettings.split(List.of("+882, +883, +979")));
    }

    @Test
    void anythingElseStaysAsItIs() {
        assertNull(ListSettings.split("+882"), "one entry");
        assertNull(ListSettings.split(new String[] { "+882", "+883, +979" }), "already a list");
        assertNull(ListSettings.split(4), "not text");
    }
}
