/**
 * Call-detail records: the one record model of Switchboard, the service that stores and searches
 * them, and the plugin points for importers and exporters.
 */
package io.switchboard.cdr.api;
