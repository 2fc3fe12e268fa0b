/**
 * The dashboard-widget plugin point of the console: a vendor draws a widget type of its own as a
 * JFreeChart from the KPIs the dashboard fetched for it.
 */
package io.switchboard.kpi.ui.widgets;
