package io.switchboard.store.rows;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;

/** Rows from memory: read again on demand, listeners told only of a change, a failed read keeping the last. */
class RefreshedRowsTest {

    @Test
    void listenersHearOfChangesOnlyAndAFailedReadKeepsTheLast() {
        AtomicReference<Map<String, String>> table = new AtomicReference<>(Map.of("800", "v1"));
        AtomicInteger told = new AtomicInteger();
        try (RefreshedRows<String> rows = new RefreshedRows<>("test rows", () -> {
            Map<String, String> t = table.get();
            if (t == null) {
                throw new IllegalStateException("the database is away");
            }
            return t;
        }, 3600)) {
            assertEquals(Map.of("800", "v1"), rows.all(), "read at once");
            rows.listen(told::incrementAndGet);
            rows.reload();
            assertEquals(0, told.get(), "nothing changed");
            table.set(Map.of("800", "v2"));
            rows.reload();
            assertEquals(1, told.get());
            assertEquals("v2", rows.all().get("800"));
            table.set(null);
            rows.reload();
            assertEquals("v2", rows.all().get("800"), "the last read stays");
            assertEquals(1, told.get());
        }
    }
}
