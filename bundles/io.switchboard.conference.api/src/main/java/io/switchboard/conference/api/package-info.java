/**
 * Conferences: rooms reached by their number, the audio bridge that mixes their participants (each
 * hears everyone but themselves), and the participants' controls, for the management API, the
 * console and plugins.
 */
package io.switchboard.conference.api;
