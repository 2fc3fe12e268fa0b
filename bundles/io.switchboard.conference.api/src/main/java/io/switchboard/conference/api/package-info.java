/**
 * Conferences: rooms reached by their number, the audio bridge that mixes their participants (each
 * hears everyone but themselves), and the participants' controls, for the management API, the
 * console and plugins.
 */
@Version("1.1.0")
package io.switchboard.conference.api;

import org.osgi.annotation.versioning.Version;
