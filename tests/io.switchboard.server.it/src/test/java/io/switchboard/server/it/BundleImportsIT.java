package io.switchboard.server.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.jar.Attributes;
import java.util.jar.Manifest;
import java.util.spi.ToolProvider;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * Each bundle's hand-written Import-Package against what its classes use, as jdeps reads them from
 * the compiled classes: a package used only through a method's return type (an X500Principal from a
 * certificate) is in no import line of the source, and a bundle missing it resolves, starts and
 * fails with NoClassDefFoundError on the first call that needs it.
 */
class BundleImportsIT {

    private static final Path ROOT = Path.of(System.getProperty("switchboard.root", "../.."));

    @Test
    void everyPackageABundlesClassesUseIsImportedOrItsOwn() throws Exception {
        ToolProvider jdeps = ToolProvider.findFirst("jdeps").orElseThrow();
        List<String> problems = new ArrayList<>();
        int checked = 0;
        try (Stream<Path> dirs = Files.list(ROOT.resolve("bundles"))) {
            for (Path bundle : dirs.sorted().toList()) {
                Path classes = bundle.resolve("target/classes");
                Path manifestFile = bundle.resolve("META-INF/MANIFEST.MF");
                if (!Files.isDirectory(classes) || !Files.exists(manifestFile)) {
                    continue;
                }
                Attributes main = manifest(manifestFile);
                if (main.getValue("Require-Bundle") != null || main.getValue("Fragment-Host") != null
                        || main.getValue("DynamicImport-Package") != null) {
                    continue; // whole bundles' packages, or the host's: not a list to compare with
                }
                Set<String> available = new TreeSet<>(names(main.getValue("Import-Package")));
                available.addAll(names(main.getValue("Export-Package")));
                available.addAll(ownPackages(classes));
                Set<String> missing = new TreeSet<>();
                for (String used : used(jdeps, classes)) {
                    if (!used.startsWith("java.") && !available.contains(used)) {
                        missing.add(used);
                    }
                }
                if (!missing.isEmpty()) {
                    problems.add(bundle.getFileName() + " uses " + missing + " without importing them");
                }
                checked++;
            }
        }
        assertTrue(checked >= 40, "bundles checked: " + checked + " under " + ROOT.toAbsolutePath());
        assertEquals(List.of(), problems, "add them to the bundle's Import-Package");
    }

    private static Attributes manifest(Path file) throws IOException {
        // a hand-written manifest may end without a line break, which Manifest would drop the last header for
        String text = Files.readString(file, StandardCharsets.UTF_8) + "\n";
        return new Manifest(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8))).getMainAttributes();
    }

    /** @return the package names of a header's clauses, without their attributes and directives */
    static Set<String> names(String header) {
        Set<String> names = new TreeSet<>();
        if (header == null) {
            return names;
        }
        boolean quoted = false;
        StringBuilder clause = new StringBuilder();
        for (char c : (header + ",").toCharArray()) {
            if (c == '"') {
                quoted = !quoted;
            }
            if (c == ',' && !quoted) {
                for (String part : clause.toString().split(";")) {
                    String name = part.trim();
                    if (!name.isEmpty() && !name.contains("=")) {
                        names.add(name);
                    }
                }
                clause.setLength(0);
            } else {
                clause.append(c);
            }
        }
        return names;
    }

    private static Set<String> ownPackages(Path classes) throws IOException {
        Set<String> own = new TreeSet<>();
        try (Stream<Path> files = Files.walk(classes)) {
            files.filter(f -> f.toString().endsWith(".class"))
                    .forEach(f -> own.add(classes.relativize(f.getParent()).toString().replace('/', '.')));
        }
        return own;
    }

    /** @return every package the compiled classes refer to, as jdeps lists them ("  from -> package  module") */
    private static Set<String> used(ToolProvider jdeps, Path classes) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = jdeps.run(new PrintWriter(out), new PrintWriter(err), "-verbose:package", "--multi-release", "21",
                classes.toString());
        assertEquals(0, code, "jdeps on " + classes + ": " + err);
        Set<String> used = new TreeSet<>();
        for (String line : out.toString().split("\n")) {
            int arrow = line.indexOf("->");
            if (arrow >= 0 && Character.isWhitespace(line.charAt(0))) { // unindented: the archive's summary
                String[] rest = line.substring(arrow + 2).trim().split("\\s+");
                if (rest.length > 0 && !rest[0].isEmpty()) {
                    used.add(rest[0]);
                }
            }
        }
        return used;
    }
}
