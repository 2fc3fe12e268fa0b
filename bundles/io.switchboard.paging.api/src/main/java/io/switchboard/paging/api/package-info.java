/**
 * Paging and intercom: groups of phones a caller speaks to at once, each phone told to answer on its own, for
 * the management API, the console and plugins.
 */
package io.switchboard.paging.api;
