/**
 * What the switch offers the bundles that serve a SIP method of their own (MESSAGE, SUBSCRIBE,
 * PUBLISH): a {@link io.switchboard.sip.handler.api.RequestHandler} registered for its method gets
 * the requests outside a dialog, after the switch's guard, counters and ladder; {@link
 * io.switchboard.sip.handler.api.SwitchFacilities} answers, authenticates, finds a user's phones and
 * the way to them, and sends through trunks as the switch does for calls.
 */
package io.switchboard.sip.handler.api;
