/**
 * Emergency calls: the civic addresses (RFC 5139) the switch sends with them, where they apply (to
 * networks, users and numbers), the location resolved for a call, and the log of emergency calls;
 * for the softswitch, the management API, the console and plugins.
 */
package io.switchboard.emergency.api;
