/**
 * What the console's shell offers area bundles: the selected server ({@link SelectedServer}) and
 * the events areas send one another ({@link ConsoleEvents}).
 * Widgets shared by the area bundles are in {@code io.switchboard.console.ui.widgets}.
 */
@Version("1.2.0")
package io.switchboard.console.ui;

import org.osgi.annotation.versioning.Version;
