/**
 * A client of the management API, for the console and for scripts written in Java. Headless: it
 * runs in the Equinox console and anywhere else. {@link SipClient} types the softswitch's resources
 * with the records of {@code io.switchboard.sip.api}, {@link CdrClient} the call records' with
 * those of {@code io.switchboard.cdr.api}.
 */
package io.switchboard.mgmt.client;
