package io.switchboard.server.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * The house rules, read from the sources as a newcomer would meet them: no package cycle in the
 * SIP core (a reference to another of its packages, imported or written out, is a use), no main
 * class over 400 lines, no bundle with more than 15 % of the main code, package versions written once. The second is a ratchet on the way to none: the classes listed are the ones
 * still to split; a listed class may shrink but not grow, a new one may not join, and a listed one
 * that got within the rule must leave the list.
 */
class SourceRulesIT {

    private static final Path ROOT = Path.of(System.getProperty("switchboard.root", "../.."));
    private static final int MAX_LINES = 400;
    /** Still over the limit, with the lines each may have at most until it is split. */
    private static final Map<String, Integer> OVER = Map.of();
    private static final String SIP = "io.switchboard.sip.core.internal";
    private static final Pattern REFERENCE = Pattern.compile("io\\.switchboard\\.sip\\.core\\.internal\\.(?:([a-z]\\w*)\\.)?[A-Z]");

    @Test
    void noMainClassOverFourHundredLinesButTheListedOnesWhichDoNotGrow() throws IOException {
        Map<String, Integer> found = new TreeMap<>();
        int read = 0;
        try (Stream<Path> files = Files.walk(ROOT.resolve("bundles"))) {
            for (Path f : files.filter(p -> p.toString().endsWith(".java") && p.toString().contains("/src/main/java/")
                    && !p.toString().contains("/target/")).toList()) {
                int lines;
                read++;
                try (Stream<String> l = Files.lines(f)) {
                    lines = (int) l.count();
                }
                if (lines > MAX_LINES) {
                    found.put(ROOT.resolve("bundles").relativize(f).toString(), lines);
                }
            }
        }
        assertTrue(read > 500, "the sources were read: " + read + " files under " + ROOT.toAbsolutePath());
        found.forEach((file, lines) -> assertTrue(OVER.containsKey(file) && lines <= OVER.get(file), file + " has "
                + lines + " lines: split it (at most " + MAX_LINES + ", or as listed while it waits to be split)"));
        for (String listed : OVER.keySet()) {
            assertTrue(found.containsKey(listed), listed + " is within " + MAX_LINES + " lines now: take it off the list");
        }
    }

    @Test
    void noBundleHoldsMoreThanFifteenPercentOfTheMainCode() throws IOException {
        Map<String, Long> lines = new TreeMap<>();
        try (Stream<Path> files = Files.walk(ROOT.resolve("bundles"))) {
            for (Path f : files.filter(p -> p.toString().endsWith(".java") && p.toString().contains("/src/main/java/")
                    && !p.toString().contains("/target/")).toList()) {
                try (Stream<String> l = Files.lines(f)) {
                    lines.merge(ROOT.resolve("bundles").relativize(f).getName(0).toString(), l.count(), Long::sum);
                }
            }
        }
        long all = lines.values().stream().mapToLong(Long::longValue).sum();
        assertTrue(lines.size() > 40 && all > 50_000, "the bundles were read: " + lines.size() + ", " + all + " lines");
        lines.forEach((bundle, n) -> assertTrue(n * 100 <= all * 15, bundle + " holds " + n + " of " + all
                + " lines of main code (" + (n * 1000 / all) / 10.0 + " %): split a concern with its own reason to "
                + "change into a bundle of its own"));
    }

    @Test
    void theSipCoreHasNoPackageCycle() throws IOException {
        Map<String, Set<String>> uses = new HashMap<>();
        Path base = ROOT.resolve("bundles/io.switchboard.sip.core/src/main/java/io/switchboard/sip/core/internal");
        try (Stream<Path> files = Files.walk(base)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                Path rel = base.relativize(f);
                String from = rel.getNameCount() == 1 ? "(root)" : rel.getName(0).toString();
                Matcher m = REFERENCE.matcher(Files.readString(f));
                while (m.find()) {
                    String to = m.group(1) == null ? "(root)" : m.group(1);
                    if (!to.equals(from)) {
                        uses.computeIfAbsent(from, k -> new TreeSet<>()).add(to);
                    }
                }
            }
        }
        assertTrue(uses.containsKey("call"), "the packages of " + SIP + " were read: " + uses.keySet());
        Set<String> cycles = new TreeSet<>();
        for (Set<String> component : stronglyConnected(uses)) {
            if (component.size() > 1) {
                cycles.add(String.join(" ", new TreeSet<>(component)));
            }
        }
        assertEquals(Set.of(), cycles, "package cycles in " + SIP + " (each package's uses: " + uses + ")");
    }

    /**
     * A package's version is written once, in its bundle's manifest (what PDE, p2 and ApiBaselineIT
     * read): a second copy in package-info would drift.
     */
    @Test
    void packageVersionsAreWrittenOnlyInTheManifest() throws IOException {
        List<String> twice = new ArrayList<>();
        int read = 0;
        try (Stream<Path> files = Files.walk(ROOT.resolve("bundles"))) {
            for (Path f : files.filter(p -> p.getFileName().toString().equals("package-info.java")
                    && p.toString().contains("/src/main/java/")).toList()) {
                read++;
                if (Pattern.compile("^@(?:org\\.osgi\\.annotation\\.versioning\\.)?Version\\b", Pattern.MULTILINE)
                        .matcher(Files.readString(f)).find()) {
                    twice.add(ROOT.resolve("bundles").relativize(f).toString());
                }
            }
        }
        assertTrue(read >= 30, "package-info files read: " + read);
        assertEquals(List.of(), twice, "package-info files with a @Version: the manifest's Export-Package holds it");
    }

    /** Tarjan's strongly connected components. */
    private static List<Set<String>> stronglyConnected(Map<String, Set<String>> graph) {
        Set<String> nodes = new TreeSet<>(graph.keySet());
        graph.values().forEach(nodes::addAll);
        Map<String, Integer> index = new HashMap<>();
        Map<String, Integer> low = new HashMap<>();
        Deque<String> stack = new ArrayDeque<>();
        Set<String> onStack = new HashSet<>();
        List<Set<String>> out = new ArrayList<>();
        int[] counter = { 0 };
        for (String n : nodes) {
            if (!index.containsKey(n)) {
                visit(n, graph, index, low, stack, onStack, out, counter);
            }
        }
        return out;
    }

    private static void visit(String v, Map<String, Set<String>> graph, Map<String, Integer> index,
            Map<String, Integer> low, Deque<String> stack, Set<String> onStack, List<Set<String>> out, int[] counter) {
        index.put(v, counter[0]);
        low.put(v, counter[0]++);
        stack.push(v);
        onStack.add(v);
        for (String w : graph.getOrDefault(v, Set.of())) {
            if (!index.containsKey(w)) {
                visit(w, graph, index, low, stack, onStack, out, counter);
                low.put(v, Math.min(low.get(v), low.get(w)));
            } else if (onStack.contains(w)) {
                low.put(v, Math.min(low.get(v), index.get(w)));
            }
        }
        if (low.get(v).equals(index.get(v))) {
            Set<String> component = new TreeSet<>();
            String w;
            do {
                w = stack.pop();
                onStack.remove(w);
                component.add(w);
            } while (!w.equals(v));
            out.add(component);
        }
    }
}
