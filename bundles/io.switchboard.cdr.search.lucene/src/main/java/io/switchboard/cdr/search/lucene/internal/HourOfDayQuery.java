package io.switchboard.cdr.search.lucene.internal;

import java.io.IOException;

import org.apache.lucene.index.DocValues;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.NumericDocValues;
import org.apache.lucene.search.ConstantScoreScorer;
import org.apache.lucene.search.ConstantScoreWeight;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.QueryVisitor;
import org.apache.lucene.search.ScoreMode;
import org.apache.lucene.search.ScorerSupplier;
import org.apache.lucene.search.TwoPhaseIterator;
import org.apache.lucene.search.Weight;

/**
 * Calls that started within a range of hours of the day (UTC), read from the start doc values: the
 * same figures as the hour facet, for any number of days, without an indexed field of its own.
 */
final class HourOfDayQuery extends Query {

    private static final long HOUR = 3_600_000L;

    private final String field;
    private final int from;
    private final int to;

    /** @param from first hour, 0-23; @param to last hour, inclusive (to &lt; from wraps past midnight) */
    HourOfDayQuery(String field, int from, int to) {
        this.field = field;
        this.from = from;
        this.to = to;
    }

    boolean matches(long epochMillis) {
        int hour = (int) Math.floorMod(Math.floorDiv(epochMillis, HOUR), 24L);
        return from <= to ? hour >= from && hour <= to : hour >= from || hour <= to;
    }

    @Override
    public Weight createWeight(IndexSearcher searcher, ScoreMode scoreMode, float boost) {
        return new ConstantScoreWeight(this, boost) {
            @Override
            public ScorerSupplier scorerSupplier(LeafReaderContext context) throws IOException {
                NumericDocValues values = DocValues.getNumeric(context.reader(), field);
                TwoPhaseIterator twoPhase = new TwoPhaseIterator(values) {
                    @Override
                    public boolean matches() throws IOException {
                        return HourOfDayQuery.this.matches(values.longValue());
                    }

                    @Override
                    public float matchCost() {
                        return 4;
                    }
                };
                return new DefaultScorerSupplier(new ConstantScoreScorer(score(), scoreMode, twoPhase));
            }

            @Override
            public boolean isCacheable(LeafReaderContext ctx) {
                return DocValues.isCacheable(ctx, field);
            }
        };
    }

    @Override
    public void visit(QueryVisitor visitor) {
        if (visitor.acceptField(field)) {
            visitor.visitLeaf(this);
        }
    }

    @Override
    public String toString(String defaultField) {
        return "hour(" + field + "):[" + from + " TO " + to + "]";
    }

    @Override
    public boolean equals(Object other) {
        return sameClassAs(other) && field.equals(((HourOfDayQuery) other).field)
                && from == ((HourOfDayQuery) other).from && to == ((HourOfDayQuery) other).to;
    }

    @Override
    public int hashCode() {
        return classHash() ^ field.hashCode() ^ (from * 31 + to);
    }
}
