/**
 * What every Switchboard plugin has in common: the service properties by which the platform
 * finds, names and orders plugin services.
 */
@Version("1.0.0")
package io.switchboard.platform.api;

import org.osgi.annotation.versioning.Version;
