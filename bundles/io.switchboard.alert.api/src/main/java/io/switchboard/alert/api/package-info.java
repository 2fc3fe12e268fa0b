/**
 * Alerts: rules on KPIs (a fixed threshold or a baseline of past weeks), built-in rules for trunks,
 * registration storms and toll fraud, the alerts they raise, and the notifier plugin point.
 */
package io.switchboard.alert.api;
