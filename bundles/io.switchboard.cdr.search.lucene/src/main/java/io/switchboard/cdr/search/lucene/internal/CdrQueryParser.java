package io.switchboard.cdr.search.lucene.internal;

import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.LowerCaseFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.miscellaneous.PerFieldAnalyzerWrapper;
import org.apache.lucene.analysis.standard.StandardAnalyzer;
import org.apache.lucene.analysis.standard.StandardTokenizer;
import org.apache.lucene.document.DoublePoint;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.PrefixQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.queryparser.classic.ParseException;
import org.apache.lucene.queryparser.classic.QueryParser;

import io.switchboard.cdr.api.InvalidQueryException;
import io.switchboard.search.lucene.KeywordAnalyzer;
import io.switchboard.search.lucene.QueryText;

/**
 * The admin's query language: Lucene's classic syntax over the call-record fields, with number,
 * decimal and date ranges ({@code start:[2026-11-01 TO 2026-11-02]}, {@code mos:[* TO 3.5]}), a
 * leading {@code +} on numbers taken literally ({@code callee:+4420*}), leading wildcards
 * ({@code callee:*4567}) and case-insensitive keywords ({@code disposition:failed}). Dates without
 * a time are whole UTC days; an upper date includes its day. {@code hour:14} and {@code hour:[22 TO 2]}
 * are hours of the day (UTC) of the start, on any day.
 */
final class CdrQueryParser {

    /**
     * One exact keyword, such as {@code callId:a84b4c76e66710@pc33.example.com} or
     * {@code callee:+442071234567}: no operator, quote, wildcard, range or escape in it.
     */
    private static final Pattern ONE_TERM = Pattern.compile("(\\w+):(\\+?[^\\s+\\-!(){}\\[\\]^\"~*?:\\\\/&|][^\\s!(){}\\[\\]^\"~*?:\\\\/&|]*)");
    private static final Analyzer KEYWORD = new KeywordAnalyzer();
    static final Analyzer ANALYZER = new PerFieldAnalyzerWrapper(KEYWORD,
            Map.of("text", new StandardAnalyzer(), "callerName", new StandardAnalyzer(), "reason",
                    new StandardAnalyzer(), "tag", new TagAnalyzer()));

    private CdrQueryParser() {
    }

    /**
     * Tags as words, as the standard analyzer makes them, with a gap between a record's tags: a phrase
     * matches within one tag, never across two.
     */
    private static final class TagAnalyzer extends Analyzer {

        @Override
        protected TokenStreamComponents createComponents(String fieldName) {
            StandardTokenizer words = new StandardTokenizer();
            return new TokenStreamComponents(words, new LowerCaseFilter(words));
        }

        @Override
        protected TokenStream normalize(String fieldName, TokenStream in) {
            return new LowerCaseFilter(in);
        }

        @Override
        public int getPositionIncrementGap(String fieldName) {
            return 100;
        }
    }

    static Query parse(String query) {
        if (query == null || query.isBlank() || query.trim().equals("*") || query.trim().equals("*:*")) {
            return new MatchAllDocsQuery();
        }
        Matcher one = ONE_TERM.matcher(query.trim());
        if (one.matches() && Fields.KEYWORDS.contains(one.group(1))) {
            // what the parser would make of it through the keyword analyzer, without the parser's cost
            return new TermQuery(new Term(one.group(1), one.group(2).toLowerCase(Locale.ROOT)));
        }
        Parser parser = new Parser();
        try {
            return QueryText.everythingBut(parser.parse(QueryText.plusLiteral(query)));
        } catch (ParseException e) {
            throw new InvalidQueryException("Invalid query '" + query + "': " + QueryText.firstLine(e.getMessage()), e);
        } catch (IllegalArgumentException e) {
            throw new InvalidQueryException("Invalid query '" + query + "': " + e.getMessage(), e);
        }
    }

    private static final class Parser extends QueryParser {

        Parser() {
            super(Fields.TEXT, ANALYZER);
            setAllowLeadingWildcard(true);
            setDefaultOperator(QueryParser.AND_OPERATOR);
        }

        @Override
        protected Query getFieldQuery(String field, String text, boolean quoted) throws ParseException {
            if (!Fields.known(field) && QueryText.TAG_NAMES.contains(field)) {
                return super.getFieldQuery("tag", field + " " + text, true);
            }
            check(field);
            if (Fields.HOUR.equals(field)) {
                int hour = hour(text);
                return new HourOfDayQuery("start", hour, hour);
            }
            if (Fields.LONGS.contains(field)) {
                return LongPoint.newExactQuery(field, whole(field, text));
            }
            if (Fields.DOUBLES.contains(field)) {
                return DoublePoint.newExactQuery(field, decimal(field, text));
            }
            if (Fields.TIMES.contains(field)) {
                Instant from = instant(field, text, false);
                return LongPoint.newRangeQuery(field, from.toEpochMilli(), instant(field, text, true).toEpochMilli() - 1);
            }
            return super.getFieldQuery(field, text, quoted);
        }

        @Override
        protected Query getRangeQuery(String field, String lower, String upper, boolean startInclusive,
                boolean endInclusive) throws ParseException {
            check(field);
            boolean openLow = QueryText.open(lower);
            boolean openHigh = QueryText.open(upper);
            if (Fields.HOUR.equals(field)) {
                return new HourOfDayQuery("start", openLow ? 0 : Math.floorMod(hour(lower) + (startInclusive ? 0 : 1), 24),
                        openHigh ? 23 : Math.floorMod(hour(upper) - (endInclusive ? 0 : 1), 24));
            }
            if (Fields.LONGS.contains(field)) {
                return QueryText.wholeRange(field, lower, upper, startInclusive, endInclusive);
            }
            if (Fields.DOUBLES.contains(field)) {
                double lo = openLow ? Double.NEGATIVE_INFINITY : decimal(field, lower);
                double hi = openHigh ? Double.POSITIVE_INFINITY : decimal(field, upper);
                if (!openLow && !startInclusive) {
                    lo = Math.nextUp(lo);
                }
                if (!openHigh && !endInclusive) {
                    hi = Math.nextDown(hi);
                }
                return DoublePoint.newRangeQuery(field, lo, hi);
            }
            if (Fields.TIMES.contains(field)) {
                long lo = openLow ? Long.MIN_VALUE : instant(field, lower, !startInclusive).toEpochMilli();
                long hi = openHigh ? Long.MAX_VALUE : instant(field, upper, endInclusive).toEpochMilli() - 1;
                return LongPoint.newRangeQuery(field, lo, hi);
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
            if (!Fields.KEYWORDS.contains(field) && !Fields.TEXTS.contains(field)) {
                throw new InvalidQueryException("wildcards work on text and number fields, not on " + field);
            }
            String ending = termStr.substring(1);
            if (Fields.NUMBERS.contains(field) && termStr.startsWith("*") && !ending.isEmpty()
                    && ending.length() <= Fields.ENDING && ending.chars().noneMatch(c -> c == '*' || c == '?' || c == '\\')) {
                // "ends in": a prefix of the reversed endings instead of a walk over every number
                return new PrefixQuery(new Term(Fields.endingField(field), Fields.ending(ending)));
            }
            return super.getWildcardQuery(field, termStr);
        }

        @Override
        protected Query getPrefixQuery(String field, String termStr) throws ParseException {
            check(field);
            if (!Fields.KEYWORDS.contains(field) && !Fields.TEXTS.contains(field)) {
                throw new InvalidQueryException("wildcards work on text and number fields, not on " + field
                        + "; use a range such as " + field + ":[10 TO 20]");
            }
            return super.getPrefixQuery(field, termStr);
        }

        private static void check(String field) {
            if (!field.equals("*") && !Fields.known(field)) {
                throw new InvalidQueryException("unknown field '" + field + "'; known fields: " + Fields.known()
                        + "; the switch's tags, for their words: "
                        + String.join(", ", new TreeSet<>(QueryText.TAG_NAMES)));
            }
        }

        private static long whole(String field, String text) {
            return QueryText.whole(field, text);
        }

        private static int hour(String text) {
            return QueryText.hour(text);
        }

        private static double decimal(String field, String text) {
            return QueryText.decimal(field, text);
        }

        private static Instant instant(String field, String text, boolean endOfDay) {
            return QueryText.instant(field, text, endOfDay);
        }
    }
}
