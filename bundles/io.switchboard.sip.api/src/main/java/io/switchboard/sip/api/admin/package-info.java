/**
 * The switch as its management resources and shell commands see it: its status and counters, the
 * calls and trunks as the API lists them, and the registrar's bindings. Only
 * {@code io.switchboard.sip.core} implements it; {@code io.switchboard.sip.admin} serves it.
 */
package io.switchboard.sip.api.admin;
