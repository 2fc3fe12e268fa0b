/**
 * The management API's shared names: every bundle that adds a resource to {@code /api/v1}
 * registers a servlet on the whiteboard in the context named here, and so inherits its
 * authentication.
 */
@Version("1.7.0")
package io.switchboard.mgmt.api;

import org.osgi.annotation.versioning.Version;
