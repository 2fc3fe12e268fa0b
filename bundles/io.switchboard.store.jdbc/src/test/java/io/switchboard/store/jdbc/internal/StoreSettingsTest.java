package io.switchboard.store.jdbc.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;

import io.switchboard.store.api.Dialect;

class StoreSettingsTest {

    @Test
    void emptyUrlMeansEmbeddedH2InDataFolder() {
        StoreSettings s = StoreSettings.of(MigratorTest.config("", ""), Path.of("/srv/sb/data"));
        assertEquals(Dialect.H2, s.dialect());
        assertTrue(s.url().startsWith("jdbc:h2:file:/srv/sb/data/db/switchboard"), s.url());
    }

    @Test
    void unknownDatabaseIsNamedInTheError() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> StoreSettings.of(MigratorTest.config("jdbc:mysql://db/x", ""), Path.of("d")));
        assertEquals("Invalid setting io.switchboard.store.jdbc url=jdbc:mysql://db/x: "
                + "must start with jdbc:h2: or jdbc:postgresql:", e.getMessage());
    }

    @Test
    void badPoolSizeIsNamedInTheError() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> StoreSettings.of(MigratorTest.config("", "", 0, 5), Path.of("d")));
        assertTrue(e.getMessage().contains("poolSize=0"), e.getMessage());
    }

    @Test
    void locationHidesPasswords() {
        StoreSettings s = StoreSettings.of(
                MigratorTest.config("jdbc:postgresql://u:secret@db:5432/sb?password=secret&ssl=true", "u"),
                Path.of("d"));
        assertFalse(s.location().contains("secret"), s.location());
        assertTrue(s.location().contains("db:5432/sb"), s.location());
    }
}
