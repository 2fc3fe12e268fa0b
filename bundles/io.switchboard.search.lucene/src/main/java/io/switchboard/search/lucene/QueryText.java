package io.switchboard.search.lucene;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

import org.apache.lucene.document.LongPoint;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.Query;

/** The rules the searches' query language adds to Lucene's classic syntax. */
public final class QueryText {

    private static final Pattern PLUS_AFTER_FIELD = Pattern.compile("(\\w):\\+");

    /**
     * The tags the switch writes on call records, searchable by their own names as the docs show them:
     * {@code conference:<id>} or {@code answeredBy:alice} finds the tag's words, as {@code tag:"conference <id>"}.
     * Other names stay unknown fields, so that a typo is named rather than found nowhere.
     *
     * @since 1.2
     */
    public static final Set<String> TAG_NAMES = Set.of("agent", "answeredBy", "callerCompany", "callerLink",
            "conference", "dtmf", "emergencyAddress", "emergencyCallback", "emergencyLocatedBy", "encryption",
            "failover", "forwards", "group", "interrupted", "media", "menu", "node", "page", "paging", "parked",
            "parkedAt", "passedOver", "pickedUpBy", "push", "queue", "recording", "room", "slot", "streams", "target",
            "transferredTo", "voicemail");

    private QueryText() {
    }

    /** @return the query with a plus right after a field escaped: {@code to:+4420*} is a number, not an operator */
    public static String plusLiteral(String query) {
        return PLUS_AFTER_FIELD.matcher(query).replaceAll("$1:\\\\+");
    }

    /** "NOT x" means "everything but x": Lucene needs the "everything" said, at every level. */
    public static Query everythingBut(Query query) {
        if (!(query instanceof BooleanQuery bq)) {
            return query;
        }
        BooleanQuery.Builder b = new BooleanQuery.Builder().setMinimumNumberShouldMatch(bq.getMinimumNumberShouldMatch());
        boolean positive = false;
        for (BooleanClause c : bq.clauses()) {
            b.add(everythingBut(c.query()), c.occur());
            positive |= c.occur() != BooleanClause.Occur.MUST_NOT;
        }
        if (!positive) {
            b.add(new MatchAllDocsQuery(), BooleanClause.Occur.MUST);
        }
        return b.build();
    }

    /** @return the first line of a parser's message: the rest repeats the grammar it expected */
    public static String firstLine(String message) {
        int nl = message.indexOf('\n');
        return nl < 0 ? message : message.substring(0, nl);
    }

    /**
     * @return the whole number, or IllegalArgumentException naming the field: "duration takes whole
     *         numbers, not 'ten'"
     */
    public static long whole(String field, String text) {
        try {
            return Long.parseLong(text.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(field + " takes whole numbers, not '" + text + "'");
        }
    }

    /** @return whether a range's bound is open: {@code [* TO 10]}, or none given */
    public static boolean open(String bound) {
        return bound == null || bound.equals("*");
    }

    /** @return the points of a whole-number field between two bounds, either open ({@code *}) */
    public static Query wholeRange(String field, String lower, String upper, boolean startInclusive,
            boolean endInclusive) {
        return LongPoint.newRangeQuery(field, open(lower) ? Long.MIN_VALUE : whole(field, lower) + (startInclusive ? 0 : 1),
                open(upper) ? Long.MAX_VALUE : whole(field, upper) - (endInclusive ? 0 : 1));
    }

    /** @return a keyword range's bound as the index holds keywords: lowercased (null stays null) */
    public static String lower(String bound) {
        return bound == null ? null : bound.toLowerCase(Locale.ROOT);
    }

    /** @return whether a wildcard query is {@code *:*}: every document */
    public static boolean everything(String field, String term) {
        return field.equals("*") && term.equals("*");
    }

    /** @return an hour of the day (UTC), or IllegalArgumentException naming what it takes */
    public static int hour(String text) {
        try {
            int hour = Integer.parseInt(text.trim());
            if (hour >= 0 && hour <= 23) {
                return hour;
            }
        } catch (NumberFormatException e) {
            // named below
        }
        throw new IllegalArgumentException("hour takes an hour of the day (UTC) from 0 to 23, not '" + text + "'");
    }

    /** @return the decimal number, or IllegalArgumentException naming the field */
    public static double decimal(String field, String text) {
        try {
            return Double.parseDouble(text.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(field + " takes numbers such as 3.5, not '" + text + "'");
        }
    }

    /**
     * @return a date (a whole UTC day) or date-time as an instant, or IllegalArgumentException
     *         naming the field
     * @param endOfDay the end instead of the start: the next day's start for a date, a millisecond
     *            later for a date-time
     */
    public static Instant instant(String field, String text, boolean endOfDay) {
        String t = text.trim();
        try {
            if (t.length() == 10) {
                LocalDate day = LocalDate.parse(t);
                return (endOfDay ? day.plusDays(1) : day).atStartOfDay(ZoneOffset.UTC).toInstant();
            }
            if (t.endsWith("Z") || t.matches(".*[+-]\\d\\d:\\d\\d$")) {
                return OffsetDateTime.parse(t).toInstant().plusMillis(endOfDay ? 1 : 0);
            }
            return LocalDateTime.parse(t).toInstant(ZoneOffset.UTC).plusMillis(endOfDay ? 1 : 0);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(field + " takes dates (2026-11-01) or date-times "
                    + "(2026-11-01T10:00:00Z), not '" + text + "'");
        }
    }
}
