/**
 * A client of the management API, for the console and for scripts written in Java. Headless: it
 * runs in the Equinox console and anywhere else.
 */
@Version("1.0.0")
package io.switchboard.mgmt.client;

import org.osgi.annotation.versioning.Version;
