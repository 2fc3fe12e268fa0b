/**
 * Subscriptions (SIP SUBSCRIBE and NOTIFY, RFC 6665): event packages that plugins serve (the dialog
 * package of busy lamps, presence, message waiting), the switch's subscriptions to them, kept in the
 * database, and the call a package makes when a resource's state changes.
 */
package io.switchboard.sip.api.subscription;
