package io.switchboard.messaging.search.lucene.internal;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.LowerCaseFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.core.KeywordTokenizer;
import org.apache.lucene.analysis.miscellaneous.PerFieldAnalyzerWrapper;
import org.apache.lucene.analysis.standard.StandardAnalyzer;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.queryparser.classic.ParseException;
import org.apache.lucene.queryparser.classic.QueryParser;

/**
 * The call records' query language over the message fields: Lucene's classic syntax, names and
 * numbers matched whole in any case ({@code from:Alice}, {@code to:+4420*} with its plus taken
 * literally), dates and date ranges on {@code received} (whole UTC days, or instants), number
 * ranges on {@code bytes} and {@code id}, bare words in {@code text} (who and how, never what).
 */
final class MessageQueryParser {

    private static final Pattern PLUS_AFTER_FIELD = Pattern.compile("(\\w):\\+");
    /** Names kept whole and lowercased, as {@link MessageFields} indexes them. */
    private static final Analyzer KEYWORD = new Analyzer() {
        @Override
        protected TokenStreamComponents createComponents(String fieldName) {
            KeywordTokenizer tokenizer = new KeywordTokenizer();
            return new TokenStreamComponents(tokenizer, new LowerCaseFilter(tokenizer));
        }

        @Override
        protected TokenStream normalize(String fieldName, TokenStream in) {
            return new LowerCaseFilter(in);
        }
    };
    static final Analyzer ANALYZER = new PerFieldAnalyzerWrapper(KEYWORD, Map.of(MessageFields.TEXT,
            new StandardAnalyzer(), MessageFields.CONTENT, new StandardAnalyzer(), MessageFields.FROM_NAME,
            new StandardAnalyzer(), MessageFields.REASON, new StandardAnalyzer()));

    private MessageQueryParser() {
    }

    /**
     * @param contentIndexed whether {@code content} is in the index
     * @param mayReadContent whether the asker may search it
     * @throws IllegalArgumentException naming what is wrong
     * @throws SecurityException for a query on the content by one who may not read it
     */
    static Query parse(String query, boolean contentIndexed, boolean mayReadContent) {
        if (query == null || query.isBlank() || query.trim().equals("*") || query.trim().equals("*:*")) {
            return new MatchAllDocsQuery();
        }
        try {
            return everythingBut(new Parser(contentIndexed, mayReadContent)
                    .parse(PLUS_AFTER_FIELD.matcher(query).replaceAll("$1:\\\\+")));
        } catch (ParseException e) {
            String message = e.getMessage();
            int nl = message.indexOf('\n');
            throw new IllegalArgumentException("Invalid query '" + query + "': "
                    + (nl < 0 ? message : message.substring(0, nl)), e);
        }
    }

    /** "NOT x" means every message but x: Lucene needs the "every message" said. */
    private static Query everythingBut(Query query) {
        if (!(query instanceof BooleanQuery bq)
                || bq.clauses().stream().anyMatch(c -> c.occur() != BooleanClause.Occur.MUST_NOT)) {
            return query;
        }
        BooleanQuery.Builder b = new BooleanQuery.Builder().add(new MatchAllDocsQuery(), BooleanClause.Occur.MUST);
        bq.clauses().forEach(b::add);
        return b.build();
    }

    private static final class Parser extends QueryParser {

        private final boolean contentIndexed;
        private final boolean mayReadContent;

        Parser(boolean contentIndexed, boolean mayReadContent) {
            super(MessageFields.TEXT, ANALYZER);
            this.contentIndexed = contentIndexed;
            this.mayReadContent = mayReadContent;
            setAllowLeadingWildcard(true);
            setDefaultOperator(QueryParser.AND_OPERATOR);
        }

        @Override
        protected Query getFieldQuery(String field, String text, boolean quoted) throws ParseException {
            check(field);
            if (MessageFields.NUMBERS.contains(field)) {
                return LongPoint.newExactQuery(field, whole(field, text));
            }
            if (MessageFields.RECEIVED.equals(field)) {
                return LongPoint.newRangeQuery(field, start(text, false), start(text, true) - 1);
            }
            return super.getFieldQuery(field, text, quoted);
        }

        @Override
        protected Query getRangeQuery(String field, String lower, String upper, boolean startInclusive,
                boolean endInclusive) throws ParseException {
            check(field);
            boolean openLow = lower == null || lower.equals("*");
            boolean openHigh = upper == null || upper.equals("*");
            if (MessageFields.NUMBERS.contains(field)) {
                return LongPoint.newRangeQuery(field,
                        openLow ? Long.MIN_VALUE : whole(field, lower) + (startInclusive ? 0 : 1),
                        openHigh ? Long.MAX_VALUE : whole(field, upper) - (endInclusive ? 0 : 1));
            }
            if (MessageFields.RECEIVED.equals(field)) {
                return LongPoint.newRangeQuery(field, openLow ? Long.MIN_VALUE : start(lower, !startInclusive),
                        openHigh ? Long.MAX_VALUE : start(upper, endInclusive) - 1);
            }
            return super.getRangeQuery(field, lower == null ? null : lower.toLowerCase(Locale.ROOT),
                    upper == null ? null : upper.toLowerCase(Locale.ROOT), startInclusive, endInclusive);
        }

        @Override
        protected Query getWildcardQuery(String field, String termStr) throws ParseException {
            check(field);
            if (field.equals("*") && termStr.equals("*")) {
                return new MatchAllDocsQuery();
            }
            words(field);
            return super.getWildcardQuery(field, termStr);
        }

        @Override
        protected Query getPrefixQuery(String field, String termStr) throws ParseException {
            check(field);
            words(field);
            return super.getPrefixQuery(field, termStr);
        }

        private void check(String field) {
            if (!field.equals("*") && !MessageFields.KNOWN.contains(field)) {
                throw new IllegalArgumentException("unknown field '" + field + "'; known fields: " + MessageFields.KNOWN);
            }
            if (MessageFields.CONTENT.equals(field) && !contentIndexed) {
                throw new IllegalArgumentException("the content of messages is not indexed (indexContent = false in "
                        + "etc/" + LuceneMessageSearch.PID + ".cfg)");
            }
            if (MessageFields.CONTENT.equals(field) && !mayReadContent) {
                throw new SecurityException("searching what messages say needs the operator role");
            }
        }

        private static void words(String field) {
            if (!MessageFields.KEYWORDS.contains(field) && !MessageFields.WORDS.contains(field)) {
                throw new IllegalArgumentException("wildcards work on names and words, not on " + field
                        + "; use a range such as " + field + ":[10 TO 20]");
            }
        }

        private static long whole(String field, String text) {
            try {
                return Long.parseLong(text.trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(field + " takes whole numbers, not '" + text + "'");
            }
        }

        /**
         * @param after the end of the day or instant named, rather than its start
         * @return epoch milliseconds of a date (a whole UTC day) or an instant
         */
        private static long start(String text, boolean after) {
            String t = text.trim();
            try {
                Instant at = t.length() == 10 ? LocalDate.parse(t).plusDays(after ? 1 : 0).atStartOfDay(ZoneOffset.UTC)
                        .toInstant() : OffsetDateTime.parse(t.endsWith("Z") || t.matches(".*[+-]\\d\\d:\\d\\d$") ? t
                                : t + "Z").toInstant().plusMillis(after ? 1 : 0);
                return at.toEpochMilli();
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException("received takes dates (2026-11-01) or date-times "
                        + "(2026-11-01T10:00:00Z), not '" + text + "'");
            }
        }
    }
}
