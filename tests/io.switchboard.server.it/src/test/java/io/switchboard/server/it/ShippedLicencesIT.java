package io.switchboard.server.it;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.jar.JarFile;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * Every third-party jar that the server and the console ship has a licence from the allowed list,
 * named in releng/licences.tsv and in docs/security.md's table: a new dependency with a licence
 * that cannot be combined with EPL-2.0 and Apache-2.0 (GPL) fails the build here.
 */
class ShippedLicencesIT {

    /** OSI licences that mix with EPL-2.0 and Apache-2.0, and jain-sip's public domain, the one named exception. */
    private static final Set<String> ALLOWED = Set.of("Apache-2.0", "EPL-2.0", "EPL-1.0", "MIT", "BSD-2-Clause",
            "BSD-3-Clause", "MPL-2.0", "W3C", "LGPL-2.1-or-later", "LicenseRef-NIST-Public-Domain");
    private static final Path ROOT = Path.of(System.getProperty("switchboard.root", "../.."));
    private static final Path CONSOLE = ROOT.resolve(
            "product/io.switchboard.console.product/target/products/io.switchboard.console.product/linux/gtk/x86_64/plugins");

    private record Row(String prefix, String licence, String project) {
    }

    @Test
    void everyShippedJarHasAnAllowedLicenceThatTheDocsName() throws IOException {
        List<Row> rows = Files.readAllLines(ROOT.resolve("releng/licences.tsv")).stream()
                .filter(l -> !l.isBlank() && !l.startsWith("#")).map(l -> l.split("\t"))
                .map(f -> new Row(f[0], f[1], f[2])).sorted(Comparator.comparingInt((Row r) -> -r.prefix().length()))
                .toList();
        String security = Files.readString(ROOT.resolve("docs/security.md"));
        List<String> problems = new ArrayList<>();
        for (Row row : rows) {
            if (!ALLOWED.contains(row.licence())) {
                problems.add(row.prefix() + ": licence " + row.licence() + " is not allowed");
            }
            if (!security.contains("| " + row.project() + " | " + row.licence() + " |")) {
                problems.add("docs/security.md's table lacks | " + row.project() + " | " + row.licence() + " |");
            }
        }
        List<Path> jars = new ArrayList<>();
        for (Path dir : List.of(ServerProcess.SERVER_DIR.resolve("bundle"), ServerProcess.SERVER_DIR.resolve("lib"),
                CONSOLE)) {
            assertTrue(Files.isDirectory(dir), "no shipped jars at " + dir.toAbsolutePath());
            try (Stream<Path> files = Files.list(dir)) {
                files.filter(f -> f.toString().endsWith(".jar")).forEach(jars::add);
            }
        }
        for (Path jar : jars) {
            String name = jar.getFileName().toString();
            if (name.startsWith("io.switchboard.")) {
                continue;
            }
            Row row = rows.stream().filter(r -> name.startsWith(r.prefix())).findFirst().orElse(null);
            if (row == null) {
                problems.add(jar + ": not in releng/licences.tsv (add it with its licence)");
                continue;
            }
            String declared = bundleLicense(jar);
            if (declared != null && declaresOnlyGpl(declared)) {
                problems.add(jar + " declares " + declared + " but the table says " + row.licence());
            }
        }
        assertTrue(jars.size() > 100, "jars read: " + jars.size());
        assertTrue(problems.isEmpty(), String.join("\n", problems));
    }

    /** @return whether a Bundle-License names the GPL with neither a lesser form, an exception nor an alternative */
    static boolean declaresOnlyGpl(String declared) {
        String d = declared.toLowerCase(Locale.ROOT);
        boolean gpl = d.contains("gpl") || d.contains("general public license");
        boolean softened = d.contains("lgpl") || d.contains("lesser") || d.contains("classpath") || d.contains("apache")
                || d.contains("epl") || d.contains("eclipse") || d.contains("mit") || d.contains("bsd");
        return gpl && !softened;
    }

    private static String bundleLicense(Path jar) throws IOException {
        try (JarFile file = new JarFile(jar.toFile())) {
            return file.getManifest() == null ? null : file.getManifest().getMainAttributes().getValue("Bundle-License");
        }
    }
}
