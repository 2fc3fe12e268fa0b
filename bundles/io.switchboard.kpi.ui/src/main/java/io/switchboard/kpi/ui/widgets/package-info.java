/**
 * The dashboard-widget plugin point of the console: a vendor draws a widget type of its own as a
 * JFreeChart from the KPIs the dashboard fetched for it.
 */
@Version("1.0.0")
package io.switchboard.kpi.ui.widgets;

import org.osgi.annotation.versioning.Version;
