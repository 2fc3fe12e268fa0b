package io.switchboard.messaging.search.lucene.internal;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Map;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.miscellaneous.PerFieldAnalyzerWrapper;
import org.apache.lucene.analysis.standard.StandardAnalyzer;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.queryparser.classic.ParseException;
import org.apache.lucene.queryparser.classic.QueryParser;

import io.switchboard.search.lucene.KeywordAnalyzer;
import io.switchboard.search.lucene.QueryText;

/**
 * The call records' query language over the message fields: Lucene's classic syntax, names and
 * numbers matched whole in any case ({@code from:Alice}, {@code to:+4420*} with its plus taken
 * literally), dates and date ranges on {@code received} (whole UTC days, or instants), number
 * ranges on {@code bytes} and {@code id}, bare words in {@code text} (who and how, never what).
 */
final class MessageQueryParser {

    /** Names kept whole and lowercased, as {@link MessageFields} indexes them. */
    private static final Analyzer KEYWORD = new KeywordAnalyzer();
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
            return QueryText.everythingBut(new Parser(contentIndexed, mayReadContent).parse(QueryText.plusLiteral(query)));
        } catch (ParseException e) {
            throw new IllegalArgumentException("Invalid query '" + query + "': " + QueryText.firstLine(e.getMessage()),
                    e);
        }
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
                return LongPoint.newExactQuery(field, QueryText.whole(field, text));
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
            if (MessageFields.NUMBERS.contains(field)) {
                return QueryText.wholeRange(field, lower, upper, startInclusive, endInclusive);
            }
            if (MessageFields.RECEIVED.equals(field)) {
                return LongPoint.newRangeQuery(field, QueryText.open(lower) ? Long.MIN_VALUE
                        : start(lower, !startInclusive), QueryText.open(upper) ? Long.MAX_VALUE : start(upper, endInclusive) - 1);
            }
            return super.getRangeQuery(field, QueryText.lower(lower), QueryText.lower(upper), startInclusive,
                    endInclusive);
        }

        @Override
        protected Query getWildcardQuery(String field, String termStr) throws ParseException {
            check(field);
            if (QueryText.everything(field, termStr)) {
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

        @Override
        protected Query getRegexpQuery(String field, String termStr) throws ParseException {
            check(field); // content:/.../ searches what messages say as much as content:word does
            return super.getRegexpQuery(field, termStr);
        }

        @Override
        protected Query getFuzzyQuery(String field, String termStr, float minSimilarity) throws ParseException {
            check(field);
            return super.getFuzzyQuery(field, termStr, minSimilarity);
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
