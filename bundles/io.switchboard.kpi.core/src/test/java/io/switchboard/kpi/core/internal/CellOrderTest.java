package io.switchboard.kpi.core.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

import io.switchboard.kpi.api.Kpis;

/**
 * A bucket's KPIs do not depend on the order its calls arrived in: kept at ingest (calls added one by
 * one) and rebuilt from the records (cells of other batches merged) must read the same, to the cent.
 */
class CellOrderTest {

    @Test
    void meansAreTheSameWhateverTheOrderAndTheBatches() {
        for (int seed = 0; seed < 2_000; seed++) {
            Random random = new Random(seed);
            List<Facts> calls = new ArrayList<>();
            for (int i = 2 + random.nextInt(60); i > 0; i--) {
                calls.add(new Facts(0, 60, true, true, 60, 900, (100 + random.nextInt(350)) / 100.0,
                        random.nextInt(4000) / 100.0, random.nextInt(1000) / 100.0, List.of()));
            }
            Cell oneByOne = new Cell();
            calls.forEach(oneByOne::add);
            Collections.shuffle(calls, random);
            Cell merged = new Cell();
            int at = 0;
            while (at < calls.size()) {
                Cell batch = new Cell();
                int end = Math.min(calls.size(), at + 1 + random.nextInt(7));
                calls.subList(at, end).forEach(batch::add);
                merged.merge(batch);
                at = end;
            }
            Kpis a = KpiMath.of(oneByOne, false);
            Kpis b = KpiMath.of(merged, false);
            assertEquals(a, b, "seed " + seed + ", " + calls.size() + " calls");
        }
    }

    @Test
    void aMeanHalfwayBetweenTwoCentsRoundsUp() {
        Cell c = new Cell();
        c.add(new Facts(0, 60, true, true, 60, 900, 3.57, 1.0, 0.0, List.of()));
        c.add(new Facts(0, 60, true, true, 60, 900, 3.58, 2.0, 0.0, List.of()));
        assertEquals(3.58, KpiMath.of(c, false).mosMean());
        assertEquals(1.5, KpiMath.of(c, false).jitterMs());
    }
}
