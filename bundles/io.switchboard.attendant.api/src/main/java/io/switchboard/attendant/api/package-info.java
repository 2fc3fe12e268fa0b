/**
 * The auto attendant: menus that answer a number ("press 1 for sales"), each with its greeting and
 * where each key takes the caller, for the management API, the console and plugins.
 */
package io.switchboard.attendant.api;
