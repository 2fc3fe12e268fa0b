package io.switchboard.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.SQLException;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The JVM options ({@code SWITCHBOARD_JAVA_OPTS}) of the server products the tests start.
 *
 * <p>A test server lives for one test class and does little work, but its start costs the most CPU
 * of a test run: more than a second of it reading and verifying the same 8,000 classes every time,
 * and over its life a third of its CPU went to the JIT's compilers. So every test server maps its
 * start's classes from one archive made once per test module ({@code switchboard.test.classArchive},
 * by a start and stop of the server at the first use), as the product does from its own archive in its
 * data folder; and, unless the test run measures ({@code switchboard.test.measuring}: media quality,
 * CPU), it runs on C1 alone with the serial collector, or, when its tests hash passwords by the dozen,
 * with C2 taking a method after ten times the calls it takes by default. Neither changes what the
 * server does. The same start leaves, when the module
 * asks for it ({@code switchboard.test.seedDatabase}), a database with the schema and no rows, which
 * the server ITs start on instead of an empty one ({@link SeedDatabase}). A test that sets
 * {@code SWITCHBOARD_JAVA_OPTS} itself keeps its own. The measuring tests also wait for a quiet
 * machine ({@link QuietMachine}).
 */
public final class ServerJvm {

    /** A free port, from the caller's own range. */
    @FunctionalInterface
    public interface Ports {
        int free() throws IOException;
    }

    private static final Logger LOG = System.getLogger(ServerJvm.class.getName());
    private static final String HEAP = "-Xmx1g";
    /**
     * C1 alone and the serial collector: a test server lives a minute or two, and with the tiered
     * compilers its JIT took a third of its CPU (docs/benchmarks.md: a quarter less CPU per server).
     */
    private static final String LIGHT = " -XX:TieredStopAtLevel=1 -XX:+UseSerialGC";
    /**
     * For servers that hash many passwords: C1 makes PBKDF2 seven times slower (1.7 s a hash), so C2
     * stays, with the product's thresholds times ten (a start 1.5 CPU seconds cheaper than the product's).
     */
    private static final String LATER_C2 = " -XX:Tier4InvocationThreshold=50000 -XX:Tier4MinInvocationThreshold=6000"
            + " -XX:Tier4CompileThreshold=150000 -XX:Tier4BackEdgeThreshold=400000";
    private static final long TRAINING_SECONDS = 120;
    private static final String SEED = "switchboard.test.seedDatabase";
    private static String archiveOption;

    private ServerJvm() {
    }

    /**
     * @param serverDir the built server product
     * @return the options for a test server: the archive made once per test module
     */
    public static String options(Path serverDir, Ports ports) {
        return options(serverDir, ports, false);
    }

    /**
     * @param hashing whether the server hashes many passwords (accounts made and logged in by the dozen)
     * @return the options for a test server: the product's compilers when the tests measure, else C1
     *         alone, or C2 later for a hashing server
     */
    public static synchronized String options(Path serverDir, Ports ports, boolean hashing) {
        boolean measuring = Boolean.getBoolean("switchboard.test.measuring");
        if (archiveOption == null) {
            if (measuring) {
                QuietMachine.alone();
            }
            String archive = System.getProperty("switchboard.test.classArchive", "");
            Path made = archive.isBlank() ? null : archive(serverDir, Path.of(archive), ports);
            archiveOption = made == null ? "" : " -XX:SharedArchiveFile=" + made + " -Xlog:cds*=off";
        }
        String jit = measuring ? "" : hashing ? LATER_C2 : LIGHT;
        return HEAP + jit + archiveOption;
    }

    /**
     * The archive of the classes a start loads, made under a lock that every JVM of the module's tests
     * takes (forks run side by side), again when the product was built after it.
     *
     * @return the archive, or null when it could not be made (the servers then start without it)
     */
    static Path archive(Path serverDir, Path archive, Ports ports) {
        try {
            Files.createDirectories(archive.getParent());
            Path lockFile = archive.resolveSibling(archive.getFileName() + ".lock");
            try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.CREATE,
                    StandardOpenOption.WRITE); FileLock lock = channel.lock()) {
                if (Files.exists(archive) && !newer(serverDir, Files.getLastModifiedTime(archive))
                        && (seed() == null || Files.exists(seed()))) {
                    return archive;
                }
                return train(serverDir, archive, ports);
            }
        } catch (IOException | InterruptedException e) {
            LOG.log(Level.WARNING, "Test servers start without a class archive: " + e);
            return null;
        }
    }

    /**
     * The database a test server starts on when its data folder holds none, made by the start that
     * makes the archive ({@code switchboard.test.seedDatabase}; see {@link SeedDatabase}).
     *
     * @return its file, or null when the test module asks for none
     */
    public static Path seed() {
        String seed = System.getProperty(SEED, "");
        return seed.isBlank() ? null : Path.of(seed);
    }

    /**
     * A first start on the embedded database begins from the schema alone ({@link #seed()}): the
     * changesets of a first start are the same for every test server, and cost a third of its CPU. Not
     * when the data folder has a database, is not a folder, or the settings name another store.
     *
     * @param data the server's data folder, before its start
     * @param conf its settings folder
     */
    public static void seed(Path data, Path conf) throws IOException {
        Path seed = seed();
        Path db = data.resolve("db");
        if (seed == null || !Files.exists(seed) || Files.exists(db) || Files.isRegularFile(data)
                || Files.exists(conf.resolve("io.switchboard.store.jdbc.cfg"))) {
            return;
        }
        for (Path folder : List.of(data, db)) {
            if (!Files.isDirectory(folder)) {
                Files.createDirectory(folder, PosixFilePermissions.asFileAttribute(
                        PosixFilePermissions.fromString("rwx------")));
            }
        }
        Path file = Files.copy(seed, db.resolve("switchboard.mv.db"));
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
    }

    /** Deletes a folder and what it holds, as far as it can: a temporary folder left is no failure. */
    static void deleteTree(Path folder) {
        try (Stream<Path> files = Files.walk(folder)) {
            files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        } catch (IOException | UncheckedIOException left) {
            LOG.log(Level.DEBUG, "Left " + folder + ": " + left);
        }
    }

    /** A file of the product newer than the archive: the archive's classes no longer match. */
    private static boolean newer(Path serverDir, FileTime than) throws IOException {
        for (String folder : List.of("bundle", "lib")) {
            try (Stream<Path> files = Files.list(serverDir.resolve(folder))) {
                if (files.anyMatch(f -> modified(f).compareTo(than) > 0)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static FileTime modified(Path file) {
        try {
            return Files.getLastModifiedTime(file);
        } catch (IOException gone) {
            return FileTime.fromMillis(Long.MAX_VALUE);
        }
    }

    /** Starts the server once on empty folders and stops it; the JVM writes the archive as it exits. */
    private static Path train(Path serverDir, Path archive, Ports ports) throws IOException, InterruptedException {
        Path base = Files.createTempDirectory("sb-class-archive");
        Path written = archive.resolveSibling(archive.getFileName() + ".new");
        Files.deleteIfExists(written);
        Path output = base.resolve("server.out");
        ProcessBuilder pb = new ProcessBuilder(serverDir.resolve("bin/switchboard-server").toString(),
                "--data", base.resolve("data").toString(), "--plugins", base.resolve("plugins").toString(),
                "--conf", base.resolve("etc").toString(), "--http-port", Integer.toString(ports.free()),
                "--sip-port", Integer.toString(ports.free())).redirectErrorStream(true)
                .redirectOutput(output.toFile());
        pb.environment().put("SWITCHBOARD_ADMIN_PASSWORD", UUID.randomUUID().toString());
        pb.environment().put("SWITCHBOARD_JAVA_OPTS", HEAP + " -XX:ArchiveClassesAtExit=" + written);
        Process server = pb.start();
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(TRAINING_SECONDS);
            while (!Files.readString(output).contains("Switchboard started in")) {
                if (!server.isAlive() || System.nanoTime() > deadline) {
                    throw new IOException("the server did not start to make it:\n" + Files.readString(output));
                }
                server.waitFor(100, TimeUnit.MILLISECONDS);
            }
            server.destroy();
            if (!server.waitFor(TRAINING_SECONDS, TimeUnit.SECONDS) || !Files.isRegularFile(written)) {
                throw new IOException("the server wrote no archive:\n" + Files.readString(output));
            }
            if (seed() != null) {
                SeedDatabase.make(serverDir, base.resolve("data"), seed());
            }
        } catch (SQLException e) {
            LOG.log(Level.WARNING, "Test servers start on empty databases: " + e);
        } finally {
            server.destroyForcibly();
            server.waitFor();
            deleteTree(base);
        }
        return Files.move(written, archive, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
