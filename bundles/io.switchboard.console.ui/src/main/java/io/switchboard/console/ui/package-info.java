/**
 * What the console's shell offers area bundles: the selected server ({@link SelectedServer}) and
 * the events areas send one another ({@link ConsoleEvents}).
 * Widgets shared by the area bundles are in {@code io.switchboard.console.ui.widgets}.
 */
package io.switchboard.console.ui;
