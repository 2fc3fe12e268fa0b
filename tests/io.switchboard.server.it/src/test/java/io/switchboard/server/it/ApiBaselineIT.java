package io.switchboard.server.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The build's baseline check: every bundle's exported packages against the API of the last release,
 * kept as text under {@code releng/api-baseline} (one file per bundle). A package whose API changed
 * must carry the version bnd's rules ask for (a new method on a class: minor; a removed one, or a
 * new method on an interface plugins implement: major), and a released package may not vanish.
 * <p>
 * At a release, {@code releng/api-baseline.sh record <version>} writes the files anew from the built
 * jars (this test with {@code -Dswitchboard.api.record=<version>}).
 */
@Tag("api-baseline") // runs in the pom's execution of that name only
class ApiBaselineIT {

    private static final Path ROOT = Path.of(System.getProperty("switchboard.root", "../.."));
    private static final Path BASELINE = ROOT.resolve("releng/api-baseline");
    private static final String RECORD = System.getProperty("switchboard.api.record", "");

    @Test
    void everyExportedPackageMovesItsVersionWithItsApi() throws Exception {
        List<Path> jars = builtBundles();
        assertTrue(jars.size() >= 40, "the bundles are built: " + jars.size() + " jars under " + ROOT.resolve("bundles"));
        List<String> problems = new ArrayList<>();
        int compared = 0;
        for (Path jar : jars) {
            ApiBaseline.Snapshot now = ApiBaseline.of(jar, RECORD.isEmpty() ? null : RECORD);
            if (now == null) {
                continue;
            }
            Path file = BASELINE.resolve(now.bundle() + ".json");
            if (!RECORD.isEmpty()) {
                ApiBaseline.write(now, file);
            } else if (Files.exists(file)) {
                problems.addAll(ApiBaseline.problems(now, ApiBaseline.read(file)));
                compared++;
            }
        }
        try (Stream<Path> files = Files.list(BASELINE)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".json")).toList()) {
                String bsn = f.getFileName().toString().replaceFirst("\\.json$", "");
                if (!Files.isDirectory(ROOT.resolve("bundles").resolve(bsn))) {
                    problems.add(bsn + " was released with an API and is gone");
                }
            }
        }
        assertEquals(List.of(), problems, "exported packages whose version does not match their change");
        assertTrue(!RECORD.isEmpty() || compared >= 20, "bundles compared with the baseline: " + compared);
    }

    private static List<Path> builtBundles() throws Exception {
        List<Path> jars = new ArrayList<>();
        try (Stream<Path> dirs = Files.list(ROOT.resolve("bundles"))) {
            for (Path dir : dirs.filter(Files::isDirectory).sorted().toList()) {
                if (!Files.isDirectory(dir.resolve("target"))) {
                    continue;
                }
                String name = dir.getFileName().toString();
                try (Stream<Path> built = Files.list(dir.resolve("target"))) {
                    built.filter(f -> f.getFileName().toString().matches(Pattern.quote(name) + "-[0-9][^-]*(-SNAPSHOT)?\\.jar"))
                            .findFirst().ifPresent(jars::add);
                }
            }
        }
        return jars;
    }
}
