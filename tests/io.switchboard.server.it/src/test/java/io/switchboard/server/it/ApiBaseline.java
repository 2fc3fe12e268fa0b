package io.switchboard.server.it;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.jar.JarFile;
import java.util.jar.Manifest;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import aQute.bnd.differ.Baseline;
import aQute.bnd.differ.DiffPluginImpl;
import aQute.bnd.header.Attrs;
import aQute.bnd.header.Parameters;
import aQute.bnd.osgi.Instructions;
import aQute.bnd.osgi.Jar;
import aQute.bnd.osgi.Processor;
import aQute.bnd.service.diff.Diff;
import aQute.bnd.service.diff.Tree;
import aQute.bnd.service.diff.Type;

/**
 * The API a bundle exports, as bnd's differ sees it (every public and protected member of its
 * versioned, non-internal packages), kept as JSON so that a release's API can be committed as text
 * and the next build compared with it; and the comparison, with bnd's semantic-versioning rules.
 * Package versions are written once, in the bundle's manifest, which is what PDE and p2 read; this
 * is the check that they move with the API.
 */
final class ApiBaseline {

    /** One bundle's exported API: its symbolic name, its versioned packages and their members. */
    record Snapshot(String bundle, String release, Map<String, String> exports, Tree.Data api) {
    }

    private static final ObjectMapper JSON = new ObjectMapper()
            .setSerializationInclusion(JsonInclude.Include.NON_NULL)
            .enable(SerializationFeature.INDENT_OUTPUT)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);

    private ApiBaseline() {
    }

    /** @return the bundle's snapshot, or null when it exports no versioned package of its own */
    static Snapshot of(Path jarFile, String release) throws Exception {
        Manifest manifest;
        try (JarFile j = new JarFile(jarFile.toFile())) {
            manifest = j.getManifest();
        }
        String bsn = manifest.getMainAttributes().getValue("Bundle-SymbolicName").split(";")[0].trim();
        Map<String, String> exports = new TreeMap<>();
        String header = manifest.getMainAttributes().getValue("Export-Package");
        if (header != null) {
            new Parameters(header).forEach((pkg, attrs) -> {
                if (attrs.getVersion() != null && !attrs.containsKey("x-internal:") && !attrs.containsKey("x-friends:")) {
                    exports.put(Processor.removeDuplicateMarker(pkg), attrs.getVersion());
                }
            });
        }
        if (exports.isEmpty()) {
            return null;
        }
        try (Jar jar = new Jar(jarFile.toFile())) {
            return new Snapshot(bsn, release, exports, apiOf(new DiffPluginImpl().tree(jar).serialize(), exports.keySet()));
        }
    }

    /** Keeps the tree's exported packages and drops the manifest and resources, which change every build. */
    static Tree.Data apiOf(Tree.Data bundle, Set<String> packages) {
        Tree.Data root = new Tree.Data();
        root.name = bundle.name;
        root.type = bundle.type;
        root.add = bundle.add;
        root.rem = bundle.rem;
        root.children = Arrays.stream(bundle.children).filter(c -> "<api>".equals(c.name)).map(api -> {
            Tree.Data kept = new Tree.Data();
            kept.name = api.name;
            kept.type = api.type;
            kept.add = api.add;
            kept.rem = api.rem;
            kept.children = Arrays.stream(api.children).filter(p -> packages.contains(p.name)).toArray(Tree.Data[]::new);
            return kept;
        }).toArray(Tree.Data[]::new);
        return root;
    }

    static void write(Snapshot snapshot, Path file) throws IOException {
        Files.createDirectories(file.getParent());
        JSON.writeValue(file.toFile(), snapshot);
    }

    static Snapshot read(Path file) throws IOException {
        return JSON.readValue(file.toFile(), Snapshot.class);
    }

    /**
     * @return what is wrong with the newer bundle's package versions against the older release's, one
     *         line per package: a changed package whose version did not rise as far as its change
     *         needs, or a package the release exported that is gone
     */
    static List<String> problems(Snapshot newer, Snapshot older) throws Exception {
        List<String> problems = new ArrayList<>();
        for (String pkg : older.exports().keySet()) {
            if (!newer.exports().containsKey(pkg)) {
                problems.add(newer.bundle() + ": " + pkg + " was exported by release " + older.release()
                        + " and is gone: removing an API breaks every plugin that imports it");
            }
        }
        DiffPluginImpl differ = new DiffPluginImpl();
        try (Processor reporter = new Processor()) {
            Baseline baseline = new Baseline(reporter, differ);
            for (Baseline.Info info : baseline.baseline(differ.deserialize(newer.api()), parameters(newer.exports()),
                    differ.deserialize(older.api()), parameters(older.exports()), new Instructions("*"))) {
                if (info.mismatch && newer.exports().containsKey(info.packageName)) {
                    problems.add(newer.bundle() + ": " + info.packageName + " changed (" + info.packageDiff.getDelta()
                            + " since release " + older.release() + " at " + info.olderVersion + "): its version "
                            + info.newerVersion + " must be at least " + info.suggestedVersion
                            + changes(info.packageDiff));
                }
            }
        }
        return problems;
    }

    private static Parameters parameters(Map<String, String> exports) {
        Parameters p = new Parameters();
        exports.forEach((pkg, version) -> {
            Attrs attrs = new Attrs();
            attrs.put("version", version);
            p.put(pkg, attrs);
        });
        return p;
    }

    /** The changed members, so that the message says what moved. */
    private static String changes(Diff diff) {
        List<String> lines = new ArrayList<>();
        collect(diff, "", lines);
        return lines.isEmpty() ? "" : "; " + String.join(", ", lines.subList(0, Math.min(6, lines.size())))
                + (lines.size() > 6 ? ", ..." : "");
    }

    private static void collect(Diff diff, String owner, List<String> lines) {
        switch (diff.getDelta()) {
            case ADDED, REMOVED -> lines.add(diff.getDelta().toString().toLowerCase() + " " + owner + diff.getName());
            case MAJOR, MINOR, CHANGED -> {
                for (Diff child : diff.getChildren()) {
                    collect(child, diff.getType() == Type.PACKAGE ? "" : diff.getName() + ".", lines);
                }
            }
            default -> {
            }
        }
    }
}
