package io.switchboard.kpi.ui.internal;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;

import org.jfree.chart.JFreeChart;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;

import io.switchboard.kpi.api.KpiReport;
import io.switchboard.kpi.api.Widget;
import io.switchboard.kpi.ui.widgets.DashboardWidget;

/** Who draws a widget type: the built-in charts, else a {@link DashboardWidget} service of that type. */
final class WidgetTypes {

    static final Set<String> CHARTS = Set.of("timeseries", "bars", "gauge");
    static final List<String> BUILT_IN = List.of("timeseries", "bars", "gauge", "top", "trunk-matrix");

    private final DashboardWidget charts = new BuiltInCharts();

    /** @return the widget's chart, or null when no one draws its type */
    JFreeChart chart(Widget widget, KpiReport report) {
        if (CHARTS.contains(widget.type())) {
            return charts.chart(widget, report);
        }
        BundleContext context = context();
        try {
            Collection<ServiceReference<DashboardWidget>> refs = context.getServiceReferences(DashboardWidget.class,
                    "(" + DashboardWidget.TYPE + "=" + widget.type() + ")");
            for (ServiceReference<DashboardWidget> ref : refs) {
                DashboardWidget plugin = context.getService(ref);
                try {
                    if (plugin != null) {
                        return plugin.chart(widget, report);
                    }
                } finally {
                    context.ungetService(ref);
                }
            }
        } catch (InvalidSyntaxException e) {
            return null; // a type with filter characters names no plugin
        }
        return null;
    }

    /** @return every type this console can draw: the built-in ones and the plugins' */
    static List<String> all() {
        List<String> types = new ArrayList<>(BUILT_IN);
        try {
            for (ServiceReference<DashboardWidget> ref : context().getServiceReferences(DashboardWidget.class, null)) {
                Object type = ref.getProperty(DashboardWidget.TYPE);
                if (type != null && !types.contains(type.toString())) {
                    types.add(type.toString());
                }
            }
        } catch (InvalidSyntaxException e) {
            throw new IllegalStateException(e);
        }
        return types;
    }

    private static BundleContext context() {
        return FrameworkUtil.getBundle(WidgetTypes.class).getBundleContext();
    }
}
