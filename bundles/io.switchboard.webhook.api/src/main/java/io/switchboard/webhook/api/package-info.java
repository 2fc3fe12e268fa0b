/**
 * Webhooks: the switch's events (calls, call records, text messages, alerts) POSTed as signed JSON
 * to the HTTPS endpoints of a company's own systems (a CRM, a helpdesk, a chat), kept in the
 * database and retried until they are taken; for the management API, the console and plugins.
 */
package io.switchboard.webhook.api;
