package io.switchboard.store.jdbc.internal;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;

import liquibase.resource.AbstractResource;
import liquibase.resource.AbstractResourceAccessor;
import liquibase.resource.Resource;

/**
 * A changelog made in memory that includes several others, so that Liquibase applies them in one run.
 * Liquibase records each changeset under its own changelog's logical path, so a changeset applied
 * through this changelog is the same one applied by its own changelog alone.
 */
final class IncludingChangelog extends AbstractResourceAccessor {

    static final String PATH = "io.switchboard.store.jdbc/including-changelog.xml";

    private final byte[] text;

    IncludingChangelog(List<String> changelogs) {
        StringBuilder xml = new StringBuilder("""
                <?xml version="1.0" encoding="UTF-8"?>
                <databaseChangeLog xmlns="http://www.liquibase.org/xml/ns/dbchangelog"
                    xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
                    xsi:schemaLocation="http://www.liquibase.org/xml/ns/dbchangelog \
                https://www.liquibase.org/xml/ns/dbchangelog/dbchangelog-latest.xsd">
                """);
        for (String changelog : changelogs) {
            xml.append("  <include file=\"").append(attribute(changelog)).append("\"/>\n");
        }
        this.text = xml.append("</databaseChangeLog>\n").toString().getBytes(StandardCharsets.UTF_8);
    }

    private static String attribute(String value) {
        return value.replace("&", "&amp;").replace("\"", "&quot;").replace("<", "&lt;");
    }

    @Override
    public List<Resource> search(String path, boolean recursive) {
        return List.of();
    }

    @Override
    public List<Resource> getAll(String path) {
        return PATH.equals(path) ? List.of(new Text()) : List.of();
    }

    @Override
    public List<String> describeLocations() {
        return List.of("the changelogs of the bundles present when the store started");
    }

    @Override
    public void close() {
        // nothing is open: the text is in memory
    }

    /** The changelog's text. */
    private final class Text extends AbstractResource {

        Text() {
            super(PATH, URI.create("memory:/" + PATH));
        }

        @Override
        public InputStream openInputStream() {
            return new ByteArrayInputStream(text);
        }

        @Override
        public boolean exists() {
            return true;
        }

        @Override
        public Resource resolve(String other) {
            throw new IllegalArgumentException("the including changelog names its changelogs by full path: " + other);
        }

        @Override
        public Resource resolveSibling(String other) {
            throw new IllegalArgumentException("the including changelog names its changelogs by full path: " + other);
        }
    }
}
