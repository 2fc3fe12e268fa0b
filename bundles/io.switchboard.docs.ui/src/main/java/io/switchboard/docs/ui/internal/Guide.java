package io.switchboard.docs.ui.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.Enumeration;
import java.util.List;

import org.osgi.framework.Bundle;
import org.osgi.framework.FrameworkUtil;

/** The guide's pages: the Markdown of docs/ as this bundle was built with it, the admin guide first. */
final class Guide {

    /** One page: its file name (as links name it), its title and its Markdown. */
    record Page(String file, String title, String markdown) {
    }

    private static final List<String> ORDER = List.of("admin-guide.md", "console.md", "sip.md", "cdr.md",
            "plugins.md", "architecture.md", "benchmarks.md");

    private Guide() {
    }

    static List<Page> pages() {
        Bundle bundle = FrameworkUtil.getBundle(Guide.class);
        List<Page> pages = new ArrayList<>();
        Enumeration<URL> files = bundle.findEntries("docs", "*.md", false);
        for (URL url : files == null ? List.<URL>of() : Collections.list(files)) {
            String file = url.getPath().substring(url.getPath().lastIndexOf('/') + 1);
            String markdown = read(url);
            pages.add(new Page(file, title(markdown, file), markdown));
        }
        pages.sort(Comparator.comparingInt((Page p) -> ORDER.contains(p.file()) ? ORDER.indexOf(p.file()) : ORDER.size())
                .thenComparing(Page::file));
        return pages;
    }

    /** @return a picture the guide shows (docs/images/…), or null */
    static URL image(String path) {
        return FrameworkUtil.getBundle(Guide.class).getEntry("docs/" + path);
    }

    private static String title(String markdown, String file) {
        for (String line : markdown.lines().toList()) {
            if (line.startsWith("# ")) {
                return line.substring(2).trim();
            }
        }
        return file;
    }

    private static String read(URL url) {
        try (InputStream in = url.openStream()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + url, e);
        }
    }
}
