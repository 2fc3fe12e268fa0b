package io.switchboard.cdr.search.solr.internal;

import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.miscellaneous.PerFieldAnalyzerWrapper;
import org.apache.lucene.analysis.standard.StandardAnalyzer;
import org.apache.lucene.index.Term;
import org.apache.lucene.queryparser.classic.ParseException;
import org.apache.lucene.queryparser.classic.QueryParser;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.PhraseQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.QueryVisitor;
import org.apache.lucene.search.TermQuery;
import org.apache.solr.client.solrj.util.ClientUtils;

import io.switchboard.cdr.api.InvalidQueryException;
import io.switchboard.search.lucene.KeywordAnalyzer;
import io.switchboard.search.lucene.QueryText;

/**
 * The admin's query language (the embedded index's: Lucene's classic syntax, dates as whole UTC
 * days, a number's leading plus taken literally, case-insensitive keywords, hours of the day with
 * wrap-around) written as a query Solr's standard parser answers alike. The classic parser reads
 * the admin's text; each field's clause is written from the field's kind in the collection's schema.
 */
final class SolrQueryText {

    private final SolrFields fields;
    private final Analyzer analyzer;

    SolrQueryText(SolrFields fields) {
        this.fields = fields;
        Map<String, Analyzer> texts = fields.names().stream().filter(f -> fields.kind(f) == SolrFields.Kind.TEXT)
                .collect(Collectors.toMap(f -> f, f -> new StandardAnalyzer()));
        this.analyzer = new PerFieldAnalyzerWrapper(new KeywordAnalyzer(), texts);
    }

    /** @return whether results sort by the field */
    boolean sortable(String field) {
        return fields.sortable(field);
    }

    /** @return the query for Solr's standard parser; {@code *:*} for an empty one */
    String toSolr(String query) {
        if (query == null || query.isBlank() || query.trim().equals("*") || query.trim().equals("*:*")) {
            return "*:*";
        }
        try {
            return render(QueryText.everythingBut(new Parser(analyzer).parse(QueryText.plusLiteral(query))));
        } catch (ParseException e) {
            throw new InvalidQueryException("Invalid query '" + query + "': " + QueryText.firstLine(e.getMessage()), e);
        } catch (InvalidQueryException e) {
            throw e;
        } catch (IllegalArgumentException e) {
            throw new InvalidQueryException("Invalid query '" + query + "': " + e.getMessage(), e);
        }
    }

    private static String render(Query q) {
        if (q instanceof Clause c) {
            return c.solr;
        }
        if (q instanceof MatchAllDocsQuery) {
            return "*:*";
        }
        if (q instanceof TermQuery t) {
            return t.getTerm().field() + ":" + ClientUtils.escapeQueryChars(t.getTerm().text());
        }
        if (q instanceof PhraseQuery p) {
            StringBuilder words = new StringBuilder();
            for (Term t : p.getTerms()) {
                words.append(words.isEmpty() ? "" : " ").append(t.text());
            }
            return p.getField() + ":\"" + words.toString().replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
        }
        if (q instanceof BoostQuery b) {
            return "(" + render(b.getQuery()) + ")^" + b.getBoost();
        }
        if (q instanceof BooleanQuery bq) {
            StringBuilder out = new StringBuilder("(");
            for (BooleanClause c : bq.clauses()) {
                out.append(out.length() > 1 ? " " : "").append(switch (c.occur()) {
                    case MUST, FILTER -> "+";
                    case MUST_NOT -> "-";
                    case SHOULD -> "";
                }).append(render(c.query()));
            }
            return out.append(')').toString();
        }
        throw new InvalidQueryException("this kind of query (" + q.getClass().getSimpleName()
                + ") is not supported on the Solr index");
    }

    /** A clause already written in Solr's syntax. */
    private static final class Clause extends Query {
        private final String solr;

        Clause(String solr) {
            this.solr = solr;
        }

        @Override
        public String toString(String field) {
            return solr;
        }

        @Override
        public void visit(QueryVisitor visitor) {
            visitor.visitLeaf(this);
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Clause c && c.solr.equals(solr);
        }

        @Override
        public int hashCode() {
            return solr.hashCode();
        }
    }

    private final class Parser extends QueryParser {

        Parser(Analyzer analyzer) {
            super(SolrFields.TEXT, analyzer);
            setAllowLeadingWildcard(true);
            setDefaultOperator(QueryParser.AND_OPERATOR);
        }

        @Override
        protected Query getFieldQuery(String field, String text, boolean quoted) throws ParseException {
            if (fields.kind(field) == null && QueryText.TAG_NAMES.contains(field)) {
                return super.getFieldQuery("tag", field + " " + text, true);
            }
            return switch (fields.check(field)) {
                case HOUR -> new Clause(field + ":" + QueryText.hour(text));
                case WHOLE -> new Clause(field + ":" + QueryText.whole(field, text));
                case DECIMAL -> new Clause(field + ":" + QueryText.decimal(field, text));
                case TIME -> new Clause(field + ":[" + QueryText.instant(field, text, false) + " TO "
                        + QueryText.instant(field, text, true) + "}");
                case KEYWORD, TEXT -> super.getFieldQuery(field, text, quoted);
            };
        }

        @Override
        protected Query getRangeQuery(String field, String lower, String upper, boolean startInclusive,
                boolean endInclusive) throws ParseException {
            boolean openLow = QueryText.open(lower);
            boolean openHigh = QueryText.open(upper);
            return switch (fields.check(field)) {
                case HOUR -> hours(openLow ? 0 : Math.floorMod(QueryText.hour(lower) + (startInclusive ? 0 : 1), 24),
                        openHigh ? 23 : Math.floorMod(QueryText.hour(upper) - (endInclusive ? 0 : 1), 24));
                case WHOLE -> range(field, openLow ? "*" : Long.toString(QueryText.whole(field, lower)),
                        openHigh ? "*" : Long.toString(QueryText.whole(field, upper)), startInclusive, endInclusive);
                case DECIMAL -> range(field, openLow ? "*" : Double.toString(QueryText.decimal(field, lower)),
                        openHigh ? "*" : Double.toString(QueryText.decimal(field, upper)), startInclusive, endInclusive);
                case TIME -> {
                    // as the embedded index: a date bound is its whole day, an upper bound excluded from its end
                    Instant lo = openLow ? null : QueryText.instant(field, lower, !startInclusive);
                    Instant hi = openHigh ? null : QueryText.instant(field, upper, endInclusive);
                    yield range(field, lo == null ? "*" : lo.toString(), hi == null ? "*" : hi.toString(), true, false);
                }
                case KEYWORD, TEXT -> range(field, openLow ? "*" : ClientUtils.escapeQueryChars(QueryText.lower(lower)),
                        openHigh ? "*" : ClientUtils.escapeQueryChars(QueryText.lower(upper)), startInclusive,
                        endInclusive);
            };
        }

        @Override
        protected Query getWildcardQuery(String field, String termStr) throws ParseException {
            if (QueryText.everything(field, termStr)) {
                return new MatchAllDocsQuery();
            }
            wildcardable(field);
            // the term keeps the admin's escapes, which Solr's parser reads alike
            return new Clause(field + ":" + termStr.toLowerCase(Locale.ROOT));
        }

        @Override
        protected Query getPrefixQuery(String field, String termStr) throws ParseException {
            wildcardable(field);
            // unlike a wildcard's, a prefix's term comes without the admin's escapes
            return new Clause(field + ":" + ClientUtils.escapeQueryChars(termStr.toLowerCase(Locale.ROOT)) + "*");
        }

        @Override
        protected Query getFuzzyQuery(String field, String termStr, float minSimilarity) throws ParseException {
            wildcardable(field);
            return new Clause(field + ":" + ClientUtils.escapeQueryChars(termStr.toLowerCase(Locale.ROOT)) + "~"
                    + Math.round(minSimilarity >= 1 ? minSimilarity : 2));
        }

        @Override
        protected Query getRegexpQuery(String field, String termStr) throws ParseException {
            wildcardable(field);
            return new Clause(field + ":/" + termStr + "/");
        }

        private void wildcardable(String field) {
            SolrFields.Kind kind = fields.check(field);
            if (kind != SolrFields.Kind.KEYWORD && kind != SolrFields.Kind.TEXT) {
                throw new InvalidQueryException("wildcards work on text and number fields, not on " + field
                        + "; use a range such as " + field + ":[10 TO 20]");
            }
        }

        private static Query hours(int from, int to) {
            return new Clause(from <= to ? "hour:[" + from + " TO " + to + "]"
                    : "(hour:[" + from + " TO 23] OR hour:[0 TO " + to + "])");
        }

        private static Query range(String field, String lo, String hi, boolean startInclusive, boolean endInclusive) {
            return new Clause(field + ":" + (startInclusive ? "[" : "{") + lo + " TO " + hi + (endInclusive ? "]" : "}"));
        }
    }
}
