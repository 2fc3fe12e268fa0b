package io.switchboard.server.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.channels.FileLock;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OptionsTest {

    @TempDir
    Path dir;

    @Test
    void optionsWinOverEnvironmentWhichWinsOverDefaults() {
        Options o = Options.parse(new String[] { "--http-port", "9090" },
                Map.of("SWITCHBOARD_HTTP_PORT", "7070", "SWITCHBOARD_DATA", "/srv/sb"), dir);
        assertEquals(9090, o.httpPort());
        assertEquals(Path.of("/srv/sb"), o.data());
        assertEquals("127.0.0.1", o.httpHost());
        assertEquals(Path.of("plugins").toAbsolutePath(), o.plugins());
        assertEquals(Path.of("/srv/sb/keys"), o.keys(), "the key beside the data unless told otherwise");
        assertEquals(Path.of("/etc/switchboard/keys"), Options.parse(new String[] { "--keys", "/etc/switchboard/keys" },
                Map.of("SWITCHBOARD_KEYS", "/elsewhere"), dir).keys());
        assertEquals(Path.of("/elsewhere"), Options.parse(new String[0], Map.of("SWITCHBOARD_KEYS", "/elsewhere"), dir)
                .keys());
    }

    @Test
    void aCertificateTurnsHttpsOnAndPlainHttpOffUnlessKept() {
        Options plain = Options.parse(new String[0], Map.of(), dir);
        assertEquals(null, plain.tls());
        assertTrue(plain.plainHttp());
        Options https = Options.parse(new String[] { "--tls-cert", "/etc/sb/fullchain.pem", "--tls-key", "/etc/sb/privkey.pem" },
                Map.of(), dir);
        assertEquals(8443, https.tls().port());
        assertEquals(Path.of("/etc/sb/privkey.pem"), https.tls().key());
        assertEquals(false, https.plainHttp(), "HTTP off when HTTPS is on");
        Options both = Options.parse(new String[] { "--http-also" }, Map.of("SWITCHBOARD_TLS_CERT", "/etc/sb/sb.p12",
                "SWITCHBOARD_TLS_PASSWORD", "pw", "SWITCHBOARD_HTTPS_PORT", "9443"), dir);
        assertEquals(9443, both.tls().port());
        assertEquals("pw", both.tls().password());
        assertEquals(null, both.tls().key(), "a keystore holds its key");
        assertTrue(both.plainHttp());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Options.parse(new String[] { "--tls-key", "/etc/sb/privkey.pem" }, Map.of(), dir));
        assertTrue(e.getMessage().contains("needs its certificate"), e.getMessage());
    }

    @Test
    void badValuesAreNamed() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Options.parse(new String[0], Map.of("SWITCHBOARD_HTTP_PORT", "80a"), dir));
        assertTrue(e.getMessage().contains("'80a'") && e.getMessage().contains("SWITCHBOARD_HTTP_PORT"),
                e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Options.parse(new String[] { "--bogus" }, Map.of(), dir));
        assertEquals("Unknown option '--bogus'", e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> Options.parse(new String[] { "--data" }, Map.of(), dir));
        assertEquals("Option --data needs a value", e.getMessage());
    }

    @Test
    void takenPortIsRefusedWithAClearMessage() throws IOException {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Main.CannotStart e = assertThrows(Main.CannotStart.class,
                    () -> Main.checkPortFree("127.0.0.1", taken.getLocalPort(), "--http-port or SWITCHBOARD_HTTP_PORT"));
            assertTrue(e.getMessage().contains("127.0.0.1:" + taken.getLocalPort()), e.getMessage());
        }
    }

    @Test
    void dataFolderIsLockedAgainstASecondServer() throws IOException {
        Path data = dir.resolve("data");
        try (FileLock lock = Main.prepareDataFolder(data)) {
            assertTrue(lock.isValid());
            assertTrue(Files.isDirectory(data));
        }
    }

    @Test
    void unusableDataFolderIsRefused() throws IOException {
        Path file = Files.createFile(dir.resolve("not-a-folder"));
        Main.CannotStart e = assertThrows(Main.CannotStart.class, () -> Main.prepareDataFolder(file));
        assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
    }
}
