package io.switchboard.testing;

import java.io.IOException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Keeps the tests that measure (media quality, CPU) from running beside the console's UI tests, which
 * run in a JVM of their own at the same time as the server's other integration tests
 * ({@code ./switchboard test}). Each side holds a lock on one file of the machine's temporary folder
 * for the rest of its JVM's life: the UI tests a shared one, the measuring tests an exclusive one, so
 * whichever comes second waits until the other's JVM has ended. The kernel lets the lock go however
 * the JVM ends.
 */
public final class QuietMachine {

    private static final Path FILE = Path.of(System.getProperty("java.io.tmpdir"), "switchboard-tests-quiet.lock");
    private static final Logger LOG = System.getLogger(QuietMachine.class.getName());
    private static FileChannel held;

    private QuietMachine() {
    }

    /** For the tests that may share the machine with others, but not with the measuring ones. */
    public static synchronized void share() {
        hold(true);
    }

    /** For the tests that measure: waits until no JVM shares the machine. */
    public static synchronized void alone() {
        hold(false);
    }

    private static void hold(boolean shared) {
        if (held != null) {
            return;
        }
        try {
            FileChannel channel = FileChannel.open(FILE, StandardOpenOption.CREATE, StandardOpenOption.READ,
                    StandardOpenOption.WRITE);
            long waited = System.nanoTime();
            channel.lock(0, Long.MAX_VALUE, shared);
            long ms = (System.nanoTime() - waited) / 1_000_000;
            if (ms > 1000) {
                LOG.log(Level.INFO, "Waited " + ms + " ms for the " + (shared ? "measuring tests" : "UI tests")
                        + " to end (" + FILE + ")");
            }
            held = channel; // open for the JVM's life: the lock lasts as long
        } catch (IOException e) {
            LOG.log(Level.WARNING, "Tests run without the machine's lock " + FILE + ": " + e);
        }
    }
}
