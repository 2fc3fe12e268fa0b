package io.switchboard.kpi.ui.internal;

import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.geom.Rectangle2D;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import io.switchboard.kpi.api.KpiReport;
import io.switchboard.kpi.api.KpiSeries;
import io.switchboard.kpi.api.Kpis;
import io.switchboard.sip.api.TrunkState;

/**
 * The table widgets: the busiest keys (top) and the trunk-health matrix, each cell with a level
 * (0 plain, 1 good, 2 watch, 3 bad) that the console paints and the exports draw alike.
 */
record TableData(String[] headers, List<String[]> rows, List<int[]> levels) {

    static final Color[] FILLS = { Color.WHITE, new Color(0xCE, 0xEA, 0xD6), new Color(0xFC, 0xE8, 0xB2),
            new Color(0xF4, 0xC7, 0xC3) };

    static TableData top(KpiReport report, int limit) {
        List<String[]> rows = new ArrayList<>();
        List<int[]> levels = new ArrayList<>();
        for (KpiSeries s : report.series().subList(0, Math.min(limit, report.series().size()))) {
            Kpis k = s.total();
            rows.add(new String[] { BuiltInCharts.label(s), String.format(Locale.ROOT, "%,d", k.attempts()), n(k.asr()),
                    n(k.acdSeconds()), n(k.ner()), n(k.pddP95Ms()), n(k.mosMean()) });
            levels.add(new int[] { 0, 0, asr(k.asr()), 0, ner(k.ner()), pdd(k.pddP95Ms()), mos(k.mosMean()) });
        }
        return new TableData(new String[] { "Key", "Calls", "ASR %", "ACD s", "NER %", "PDD p95 ms", "MOS" }, rows,
                levels);
    }

    /** Each trunk's live state beside its KPIs over the range. */
    static TableData trunkMatrix(KpiReport report, Map<String, TrunkState> states) {
        List<String[]> rows = new ArrayList<>();
        List<int[]> levels = new ArrayList<>();
        Set<String> trunks = new TreeSet<>(states.keySet());
        report.series().forEach(s -> trunks.add(s.key()));
        for (String trunk : trunks) {
            Kpis k = report.series().stream().filter(s -> s.key().equals(trunk)).map(KpiSeries::total).findFirst()
                    .orElse(null);
            TrunkState st = states.get(trunk);
            String state = st == null ? "–" : st.up() ? "up" : "down";
            rows.add(new String[] { trunk, state, k == null ? "0" : String.format(Locale.ROOT, "%,d", k.attempts()),
                    k == null ? "–" : n(k.asr()), k == null ? "–" : n(k.ner()), k == null ? "–" : n(k.pddP95Ms()),
                    k == null ? "–" : n(k.mosMean()), k == null ? "–" : n(k.lossPercent()) });
            levels.add(new int[] { 0, st == null ? 0 : st.up() ? 1 : 3, 0, k == null ? 0 : asr(k.asr()),
                    k == null ? 0 : ner(k.ner()), k == null ? 0 : pdd(k.pddP95Ms()), k == null ? 0 : mos(k.mosMean()),
                    k == null ? 0 : loss(k.lossPercent()) });
        }
        return new TableData(new String[] { "Trunk", "State", "Calls", "ASR %", "NER %", "PDD p95 ms", "MOS", "Loss %" },
                rows, levels);
    }

    /** Draws the table into an export: a header row, then the rows with their levels' fills. */
    void draw(Graphics2D g, Rectangle2D area) {
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        FontMetrics fm = g.getFontMetrics();
        int rowHeight = fm.getHeight() + 6;
        double width = area.getWidth() / headers.length;
        double y = area.getY();
        g.setColor(new Color(0xEE, 0xEE, 0xEE));
        g.fill(new Rectangle2D.Double(area.getX(), y, area.getWidth(), rowHeight));
        g.setColor(Color.BLACK);
        for (int c = 0; c < headers.length; c++) {
            g.drawString(headers[c], (float) (area.getX() + c * width + 4), (float) (y + fm.getAscent() + 3));
        }
        for (int r = 0; r < rows.size() && y + 2 * rowHeight <= area.getMaxY(); r++) {
            y += rowHeight;
            for (int c = 0; c < headers.length; c++) {
                g.setColor(FILLS[levels.get(r)[c]]);
                g.fill(new Rectangle2D.Double(area.getX() + c * width, y, width, rowHeight));
                g.setColor(Color.BLACK);
                g.drawString(rows.get(r)[c], (float) (area.getX() + c * width + 4), (float) (y + fm.getAscent() + 3));
            }
        }
    }

    private static int asr(Double v) {
        return v == null ? 0 : v < 40 ? 3 : v < 55 ? 2 : 1;
    }

    private static int ner(Double v) {
        return v == null ? 0 : v < 90 ? 3 : v < 97 ? 2 : 1;
    }

    private static int pdd(Long v) {
        return v == null ? 0 : v > 6000 ? 3 : v > 4000 ? 2 : 1;
    }

    private static int mos(Double v) {
        return v == null ? 0 : v < 3.6 ? 3 : v < 4.0 ? 2 : 1;
    }

    private static int loss(Double v) {
        return v == null ? 0 : v > 3 ? 3 : v > 1 ? 2 : 1;
    }

    private static String n(Object v) {
        return v == null ? "–" : v instanceof Double d ? String.format(Locale.ROOT, "%.2f", d) : v.toString();
    }
}
