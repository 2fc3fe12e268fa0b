/**
 * Call parking: callers a phone put aside in a numbered slot, for anyone to take back from any phone, for the
 * management API, the console and plugins.
 */
package io.switchboard.parking.api;
