/**
 * Small pieces every area's views use the same way: widget ids for tests and accessibility,
 * table columns, server calls in jobs, periodic refresh that survives a lost server, readable
 * error dialogs, and forms that show the server's error next to the field it names.
 */
package io.switchboard.console.ui.widgets;
