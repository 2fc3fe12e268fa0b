package io.switchboard.server.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.Manifest;

import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import aQute.bnd.osgi.Jar;

/**
 * The baseline check against deliberate API changes: a small plugin API is released, changed and
 * built again, and the check (through the same JSON a release is kept in) must refuse each change
 * whose package version did not rise as far as it needs, and accept the right bump.
 */
@Tag("api-baseline") // runs in the pom's execution of that name only
class ApiBaselineCheckIT {

    private static final String RELEASED = """
            package com.example.api;
            public interface Greeter { String greet(String name); }
            """;
    private static final String RELEASED_CLASS = """
            package com.example.api;
            public final class Greeting { public String text() { return "hi"; } }
            """;

    @TempDir
    Path dir;

    @Test
    void aNewMethodOnAnInterfacePluginsImplementNeedsAMajorVersion() throws Exception {
        ApiBaseline.Snapshot release = release();
        String changed = "package com.example.api;\npublic interface Greeter { String greet(String name); String bye(); }\n";
        List<String> problems = ApiBaseline.problems(build("same", "1.0.0", changed, RELEASED_CLASS), release);
        assertEquals(1, problems.size(), problems.toString());
        assertTrue(problems.get(0).contains("com.example.api") && problems.get(0).contains("2.0.0")
                && problems.get(0).contains("bye"), problems.get(0));
        assertEquals(List.of(), ApiBaseline.problems(build("bumped", "2.0.0", changed, RELEASED_CLASS), release));
    }

    @Test
    void aNewMethodOnAClassNeedsAMinorVersionAndARemovedOneAMajor() throws Exception {
        ApiBaseline.Snapshot release = release();
        String added = "package com.example.api;\npublic final class Greeting { public String text() { return \"hi\"; }"
                + " public int length() { return 2; } }\n";
        List<String> problems = ApiBaseline.problems(build("added", "1.0.0", RELEASED, added), release);
        assertEquals(1, problems.size(), problems.toString());
        assertTrue(problems.get(0).contains("1.1.0") && problems.get(0).contains("length"), problems.get(0));
        assertEquals(List.of(), ApiBaseline.problems(build("minor", "1.1.0", RELEASED, added), release));

        String removed = "package com.example.api;\npublic final class Greeting { }\n";
        problems = ApiBaseline.problems(build("removed", "1.1.0", RELEASED, removed), release);
        assertEquals(1, problems.size(), problems.toString());
        assertTrue(problems.get(0).contains("2.0.0") && problems.get(0).contains("removed"), problems.get(0));
    }

    @Test
    void anUnchangedApiPassesAndAVanishedPackageDoesNot() throws Exception {
        ApiBaseline.Snapshot release = release();
        assertEquals(List.of(), ApiBaseline.problems(build("again", "1.0.0", RELEASED, RELEASED_CLASS), release));
        Path gone = jar("gone", "com.example.other;version=\"1.0.0\"", "package com.example.other;\npublic class X { }\n");
        List<String> problems = ApiBaseline.problems(ApiBaseline.of(gone, null), release);
        assertTrue(problems.stream().anyMatch(p -> p.contains("com.example.api") && p.contains("gone")), problems.toString());
    }

    /** The API as released: built, kept as JSON and read back, as the build reads a release. */
    private ApiBaseline.Snapshot release() throws Exception {
        ApiBaseline.Snapshot built = build("release", "1.0.0", RELEASED, RELEASED_CLASS);
        assertTrue(built.exports().containsKey("com.example.api"), built.exports().toString());
        Path file = dir.resolve("baseline/com.example.api.json");
        ApiBaseline.write(built, file);
        return ApiBaseline.read(file);
    }

    private ApiBaseline.Snapshot build(String name, String version, String... sources) throws Exception {
        return ApiBaseline.of(jar(name, "com.example.api;version=\"" + version + "\"", sources), "1.0.0");
    }

    private Path jar(String name, String exports, String... sources) throws Exception {
        Path src = dir.resolve(name + "-src");
        Path classes = dir.resolve(name + "-classes");
        Files.createDirectories(classes);
        String[] args = new String[sources.length + 2];
        args[0] = "-d";
        args[1] = classes.toString();
        for (int i = 0; i < sources.length; i++) {
            String type = sources[i].replaceAll("(?s).*public (?:final )?(?:interface|class) (\\w+).*", "$1");
            String pkg = sources[i].replaceAll("(?s)^package ([\\w.]+);.*", "$1");
            Path file = src.resolve(pkg.replace('.', '/')).resolve(type + ".java");
            Files.createDirectories(file.getParent());
            Files.writeString(file, sources[i]);
            args[i + 2] = file.toString();
        }
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        assertEquals(0, javac.run(null, null, null, args), "the sample API compiles");
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().putValue("Manifest-Version", "1.0");
        manifest.getMainAttributes().putValue("Bundle-ManifestVersion", "2");
        manifest.getMainAttributes().putValue("Bundle-SymbolicName", "com.example.api");
        manifest.getMainAttributes().putValue("Export-Package", exports);
        Path out = dir.resolve(name + ".jar");
        try (Jar jar = new Jar(name, classes.toFile())) {
            jar.setManifest(manifest);
            jar.write(out.toFile());
        }
        return out;
    }
}
