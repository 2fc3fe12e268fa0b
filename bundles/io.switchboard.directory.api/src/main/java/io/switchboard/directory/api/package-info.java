/**
 * Contact directories: who a caller's number belongs to (a name, a company, a link to their record
 * in a CRM), asked by the switch for the caller's name on incoming calls, in call records and in
 * webhooks. A CRM or address book plugs in as a {@link io.switchboard.directory.api.ContactDirectory}.
 */
package io.switchboard.directory.api;
