package io.switchboard.kpi.ui.internal;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.geom.Ellipse2D;
import java.time.ZoneId;
import java.util.Map;
import java.util.TimeZone;

import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.DateAxis;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.MeterInterval;
import org.jfree.chart.plot.MeterPlot;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.Range;
import org.jfree.data.category.DefaultCategoryDataset;
import org.jfree.data.general.DefaultValueDataset;
import org.jfree.data.time.FixedMillisecond;
import org.jfree.data.time.TimeSeries;
import org.jfree.data.time.TimeSeriesCollection;

import io.switchboard.kpi.api.KpiBucket;
import io.switchboard.kpi.api.KpiReport;
import io.switchboard.kpi.api.KpiSeries;
import io.switchboard.kpi.api.Widget;
import io.switchboard.kpi.ui.widgets.DashboardWidget;

/** The chart types every console has: a time series per key, bars per key, a gauge. */
final class BuiltInCharts implements DashboardWidget {

    static final Map<String, String> UNITS = Map.ofEntries(Map.entry("attempts", "calls"),
            Map.entry("answered", "calls"), Map.entry("asr", "%"), Map.entry("ner", "%"), Map.entry("acd", "s"),
            Map.entry("pdd", "ms"), Map.entry("pdd95", "ms"), Map.entry("mos", "MOS"), Map.entry("mos5", "MOS"),
            Map.entry("jitter", "ms"), Map.entry("loss", "%"), Map.entry("peakConcurrent", "calls"),
            Map.entry("peakCps", "calls/s"), Map.entry("serviceLevel", "%"), Map.entry("agentAnswered", "calls"),
            Map.entry("abandoned", "calls"), Map.entry("shortAbandoned", "calls"), Map.entry("overflowed", "calls"),
            Map.entry("callbacks", "calls"), Map.entry("averageWait", "s"), Map.entry("longestWait", "s"),
            Map.entry("averageHandle", "s"));

    @Override
    public JFreeChart chart(Widget widget, KpiReport report) {
        JFreeChart chart = switch (widget.type()) {
            case "bars" -> bars(widget, report);
            case "gauge" -> gauge(widget, report);
            default -> timeSeries(widget, report);
        };
        chart.setBackgroundPaint(Color.WHITE);
        return chart;
    }

    static String label(KpiSeries s) {
        return s.key().isEmpty() ? "all calls" : s.key();
    }

    private static JFreeChart timeSeries(Widget widget, KpiReport report) {
        TimeSeriesCollection data = new TimeSeriesCollection();
        for (KpiSeries s : report.series()) {
            data.addSeries(series(s, widget.kpi(), report.granularity().nominal().toMillis()));
        }
        JFreeChart chart = ChartFactory.createTimeSeriesChart(null, "Time (" + report.zone() + ")",
                valueTitle(widget.kpi()), data, true, false, false);
        XYPlot plot = chart.getXYPlot();
        plain(plot);
        ((DateAxis) plot.getDomainAxis()).setTimeZone(TimeZone.getTimeZone(ZoneId.of(report.zone())));
        XYLineAndShapeRenderer lines = (XYLineAndShapeRenderer) plot.getRenderer();
        lines.setDefaultShapesVisible(true); // a value between two gaps has no line: its dot shows it
        for (int i = 0; i < data.getSeriesCount(); i++) {
            lines.setSeriesStroke(i, new BasicStroke(1.6f));
            lines.setSeriesShape(i, new Ellipse2D.Double(-1.5, -1.5, 3, 3));
        }
        return chart;
    }

    /**
     * A KPI's points, with a gap (a null point) for a bucket without a value and between buckets further
     * apart than one: a line across empty hours drew a fall or a rise that never happened.
     */
    static TimeSeries series(KpiSeries s, String kpi, long bucketMillis) {
        TimeSeries series = new TimeSeries(label(s));
        long previous = Long.MIN_VALUE;
        for (KpiBucket b : s.buckets()) {
            long start = b.start().toInstant().toEpochMilli();
            Double v = b.kpis().value(kpi);
            if (previous != Long.MIN_VALUE && start - previous > bucketMillis * 3 / 2) {
                series.addOrUpdate(new FixedMillisecond(previous + bucketMillis), null);
            }
            series.addOrUpdate(new FixedMillisecond(start), v);
            previous = start;
        }
        return series;
    }

    /** @return the value axis' title: the KPI and its unit */
    static String valueTitle(String kpi) {
        String unit = UNITS.getOrDefault(kpi, "");
        return unit.isEmpty() || unit.equals("MOS") ? kpi : kpi + " (" + unit + ")";
    }

    private static JFreeChart bars(Widget widget, KpiReport report) {
        DefaultCategoryDataset data = new DefaultCategoryDataset();
        for (KpiSeries s : report.series()) {
            Double v = s.total().value(widget.kpi());
            if (v != null) {
                data.addValue(v, widget.kpi(), label(s));
            }
        }
        JFreeChart chart = ChartFactory.createBarChart(null, widget.scope().id(), valueTitle(widget.kpi()), data,
                PlotOrientation.VERTICAL, false, false, false);
        CategoryPlot plot = chart.getCategoryPlot();
        plot.setBackgroundPaint(Color.WHITE);
        plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
        plot.getRenderer().setSeriesPaint(0, new Color(0x4A, 0x7E, 0xBB)); // neutral: red would read as bad
        ((BarRenderer) plot.getRenderer()).setBarPainter(
                new StandardBarPainter());
        if (widget.kpi().startsWith("mos")) {
            plot.getRangeAxis().setRange(1, 5);
        }
        return chart;
    }

    private static JFreeChart gauge(Widget widget, KpiReport report) {
        Double v = report.series().isEmpty() ? null : report.series().get(0).total().value(widget.kpi());
        double min = number(widget, "min", 0);
        double max = number(widget, "max", 100);
        double warn = number(widget, "warn", min + (max - min) / 2);
        MeterPlot plot = new MeterPlot(new DefaultValueDataset(v));
        plot.setRange(new Range(min, max));
        plot.setUnits(UNITS.getOrDefault(widget.kpi(), ""));
        // an interval with an outline labels its bounds: the scale reads min, warn and max, ticks between
        BasicStroke thin = new BasicStroke(1f);
        Color low = new Color(0xF4, 0xC7, 0xC3);
        Color good = new Color(0xCE, 0xEA, 0xD6);
        plot.addInterval(new MeterInterval("low", new Range(min, warn), Color.GRAY, thin, low));
        plot.addInterval(new MeterInterval("good", new Range(warn, max), Color.GRAY, thin, good));
        plot.setDialBackgroundPaint(Color.WHITE);
        plot.setNeedlePaint(Color.DARK_GRAY);
        plot.setValuePaint(Color.BLACK);
        plot.setTickLabelPaint(Color.DARK_GRAY);
        plot.setTickLabelsVisible(true);
        plot.setTickPaint(Color.GRAY);
        if (max > min) {
            plot.setTickSize((max - min) / 10);
        }
        return new JFreeChart(null, JFreeChart.DEFAULT_TITLE_FONT, plot, false);
    }

    private static void plain(XYPlot plot) {
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinePaint(Color.LIGHT_GRAY);
        plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
    }

    private static double number(Widget widget, String option, double fallback) {
        try {
            return Double.parseDouble(widget.options().getOrDefault(option, Double.toString(fallback)));
        } catch (NumberFormatException e) {
            return fallback;
        }
    }
}
