package com.acme.switchboard.widget;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Paint;

import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.data.category.DefaultCategoryDataset;
import org.osgi.service.component.annotations.Component;

import io.switchboard.kpi.api.KpiReport;
import io.switchboard.kpi.api.KpiSeries;
import io.switchboard.kpi.api.Widget;
import io.switchboard.kpi.ui.widgets.DashboardWidget;

/**
 * A sample dashboard widget: each carrier's KPI against the SLA Acme signed with it (the widget's
 * {@code target} option, 50 by default), as bars red below the line and green above it. A
 * dashboard shows it with a widget of type {@code acme.sla}.
 */
@Component(property = DashboardWidget.TYPE + "=acme.sla")
public class SlaWidget implements DashboardWidget {

    @Override
    public JFreeChart chart(Widget widget, KpiReport report) {
        double target = Double.parseDouble(widget.options().getOrDefault("target", "50"));
        DefaultCategoryDataset data = new DefaultCategoryDataset();
        for (KpiSeries s : report.series()) {
            Double v = s.total().value(widget.kpi());
            if (v != null) {
                data.addValue(v, widget.kpi(), s.key().isEmpty() ? "all calls" : s.key());
            }
        }
        JFreeChart chart = ChartFactory.createBarChart(null, null, widget.kpi() + " (SLA " + target + ")", data,
                PlotOrientation.HORIZONTAL, false, false, false);
        CategoryPlot plot = chart.getCategoryPlot();
        plot.setBackgroundPaint(Color.WHITE);
        plot.addRangeMarker(new ValueMarker(target, Color.DARK_GRAY, new BasicStroke(2f)));
        ((NumberAxis) plot.getRangeAxis()).setAutoRangeIncludesZero(false);
        BarRenderer bars = new BarRenderer() {
            private static final long serialVersionUID = 1L;

            @Override
            public Paint getItemPaint(int row, int column) {
                Number v = data.getValue(row, column);
                return v != null && v.doubleValue() < target ? new Color(0xD9, 0x53, 0x4F) : new Color(0x5C, 0xB8, 0x5C);
            }
        };
        bars.setBarPainter(new StandardBarPainter());
        plot.setRenderer(bars);
        chart.setBackgroundPaint(Color.WHITE);
        return chart;
    }
}
