package io.switchboard.cdr.search.solr.internal;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import io.switchboard.cdr.api.InvalidQueryException;
import io.switchboard.search.lucene.QueryText;

/**
 * The fields an admin may name in a query, read from the collection's schema (the schema is the
 * one truth of what each field is): each field's kind by its type in the shipped configset.
 */
final class SolrFields {

    static final String TEXT = "text";
    static final String RECORD = "_record";

    /** How a field is searched. */
    enum Kind {
        KEYWORD, TEXT, WHOLE, DECIMAL, TIME, HOUR
    }

    /** Facets and the field that counts each. */
    static final Map<String, String> FACETS = Map.of("trunk", "facet.trunk", "disposition", "facet.disposition",
            "direction", "facet.direction", "codec", "facet.codec", "source", "facet.source", "sipCode", "sipCode",
            "hour", "hour");

    private final Map<String, Kind> kinds;

    private SolrFields(Map<String, Kind> kinds) {
        this.kinds = kinds;
    }

    /**
     * @param schema the schema's fields, as Solr's schema API lists them (name and type)
     * @throws IllegalStateException for a schema that is not Switchboard's
     */
    static SolrFields of(List<Map<String, Object>> schema) {
        Map<String, Kind> kinds = new TreeMap<>();
        for (Map<String, Object> f : schema) {
            String name = String.valueOf(f.get("name"));
            if (name.startsWith("_") || name.startsWith("facet.")) {
                continue;
            }
            Kind kind = switch (String.valueOf(f.get("type"))) {
                case "keyword", "string" -> Kind.KEYWORD;
                case "text" -> Kind.TEXT;
                case "plong" -> Kind.WHOLE;
                case "pdouble" -> Kind.DECIMAL;
                case "pdate" -> Kind.TIME;
                case "pint" -> Kind.HOUR;
                default -> null;
            };
            if (kind != null) {
                kinds.put(name, kind);
            }
        }
        if (!kinds.containsKey("start") || !kinds.containsKey(TEXT) || !kinds.containsKey("hour")) {
            throw new IllegalStateException("the collection's schema is not Switchboard's call-record schema (no start, "
                    + "text or hour field): upload the configset in io.switchboard.cdr.search.solr/solr/conf");
        }
        return new SolrFields(kinds);
    }

    Set<String> names() {
        return kinds.keySet();
    }

    Kind kind(String field) {
        return kinds.get(field);
    }

    /** @return the field's kind; an InvalidQueryException naming the known fields for an unknown one */
    Kind check(String field) {
        Kind kind = kinds.get(field);
        if (kind == null) {
            throw new InvalidQueryException("unknown field '" + field + "'; known fields: "
                    + String.join(", ", kinds.keySet()) + "; the switch's tags, for their words: "
                    + String.join(", ", new TreeSet<>(QueryText.TAG_NAMES)));
        }
        return kind;
    }

    /** @return whether the field sorts: numbers and times */
    boolean sortable(String field) {
        Kind kind = kinds.get(field);
        return kind == Kind.WHOLE || kind == Kind.DECIMAL || kind == Kind.TIME;
    }
}
