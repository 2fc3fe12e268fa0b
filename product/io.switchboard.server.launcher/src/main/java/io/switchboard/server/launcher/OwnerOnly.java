package io.switchboard.server.launcher;

import java.io.IOException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The data folder for the server's user only: the folder 0700, what is in it 0600 (folders 0700).
 * The start script sets umask 077 so that what the server writes later is made so; this puts right
 * what an older version or another tool left open, and says so.
 */
final class OwnerOnly {

    private static final Logger LOG = System.getLogger(OwnerOnly.class.getName());
    private static final Set<PosixFilePermission> FOLDER = PosixFilePermissions.fromString("rwx------");

    private OwnerOnly() {
    }

    static void folder(Path data) throws IOException {
        if (!data.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            return;
        }
        int fixed = 0;
        try (Stream<Path> all = Files.walk(data)) {
            for (Path p : (Iterable<Path>) all::iterator) {
                if (Files.isSymbolicLink(p)) {
                    continue;
                }
                Set<PosixFilePermission> mode = Files.getPosixFilePermissions(p);
                Set<PosixFilePermission> want = Files.isDirectory(p) ? FOLDER : ownerOf(mode);
                if (!mode.equals(want)) {
                    Files.setPosixFilePermissions(p, want);
                    fixed++;
                }
            }
        }
        if (fixed > 0) {
            LOG.log(Level.WARNING, "The data folder " + data + " held " + fixed + " file(s) or folder(s) open to "
                    + "others: now for this user only");
        }
    }

    /**
     * @return what in the folder (itself or a file right in it) others may write to, as "path (mode)";
     *         empty when nothing. Whatever lands in the plugins or settings folder runs in the server
     *         or configures it, so such a folder must not be left for the admin to notice.
     */
    static List<String> writableByOthers(Path folder) throws IOException {
        List<String> open = new ArrayList<>();
        if (!folder.getFileSystem().supportedFileAttributeViews().contains("posix") || !Files.isDirectory(folder)) {
            return open;
        }
        try (Stream<Path> files = Stream.concat(Stream.of(folder), Files.list(folder))) {
            for (Path p : (Iterable<Path>) files::iterator) {
                Set<PosixFilePermission> mode = Files.getPosixFilePermissions(p);
                if (mode.contains(PosixFilePermission.GROUP_WRITE) || mode.contains(PosixFilePermission.OTHERS_WRITE)) {
                    open.add(p + " (" + PosixFilePermissions.toString(mode) + ")");
                }
            }
        }
        return open;
    }

    /** rw------- (rwx------ for what was executable): the owner keeps what it had, the others lose all. */
    private static Set<PosixFilePermission> ownerOf(Set<PosixFilePermission> mode) {
        return PosixFilePermissions.fromString("rw" + (mode.contains(PosixFilePermission.OWNER_EXECUTE) ? "x" : "-")
                + "------");
    }
}
