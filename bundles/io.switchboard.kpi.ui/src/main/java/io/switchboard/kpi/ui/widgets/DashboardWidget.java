package io.switchboard.kpi.ui.widgets;

import org.jfree.chart.JFreeChart;
import org.osgi.annotation.versioning.ConsumerType;

import io.switchboard.kpi.api.KpiReport;
import io.switchboard.kpi.api.Widget;

/**
 * Draws one type of dashboard widget in the console. Registered as an OSGi service with the
 * property {@value #TYPE} naming the type that dashboards put in {@link Widget#type()}. The
 * dashboard fetches the KPIs the widget asks for (its scope, key, granularity and limit over the
 * dashboard's range, in the console's zone) and calls {@link #chart} on the UI thread; the chart
 * is drawn, clicked through to the call records, and exported to PNG and SVG like the built-in ones.
 */
@ConsumerType
public interface DashboardWidget {

    /** Service property: the widget type it draws, lower case, for example {@code acme.sla}. */
    String TYPE = "switchboard.dashboard.widget";

    /**
     * @param widget what the dashboard says of the widget: title, KPI, scope, options
     * @param report the KPIs of the widget's scope over the dashboard's range
     * @return the chart to draw; quick, for it runs on the UI thread
     */
    JFreeChart chart(Widget widget, KpiReport report);
}
