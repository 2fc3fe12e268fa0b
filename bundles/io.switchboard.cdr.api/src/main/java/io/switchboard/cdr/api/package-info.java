/**
 * Call-detail records: the one record model of Switchboard, the service that stores and searches
 * them, and the plugin points for importers and exporters.
 */
@Version("1.5.0")
package io.switchboard.cdr.api;

import org.osgi.annotation.versioning.Version;
