/**
 * The management API's shared names: every bundle that adds a resource to {@code /api/v1}
 * registers a servlet on the whiteboard in the context named here, and so inherits its
 * authentication.
 */
package io.switchboard.mgmt.api;
