package io.switchboard.console.ui.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The console's own folders for its user only, as the server keeps its data folder: folders 0700,
 * files 0600 (0700 when executable). The local server's database, index and keys and the secure
 * storage live there; the console may run with a umask that would leave them readable.
 */
final class OwnerOnlyFolder {

    private OwnerOnlyFolder() {
    }

    /** Creates the folder when missing and takes group and others' rights from it and all in it. */
    static Path secure(Path folder) throws IOException {
        Files.createDirectories(folder);
        if (!folder.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            return folder;
        }
        try (Stream<Path> all = Files.walk(folder)) {
            for (Path p : (Iterable<Path>) all::iterator) {
                if (!Files.isSymbolicLink(p)) {
                    Set<PosixFilePermission> mode = Files.getPosixFilePermissions(p);
                    boolean x = Files.isDirectory(p) || mode.contains(PosixFilePermission.OWNER_EXECUTE);
                    Set<PosixFilePermission> own = PosixFilePermissions.fromString(x ? "rwx------" : "rw-------");
                    if (!mode.equals(own)) {
                        Files.setPosixFilePermissions(p, own);
                    }
                }
            }
        }
        return folder;
    }
}
