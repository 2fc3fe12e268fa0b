/**
 * Push notifications for mobile phones (RFC 8599): a phone whose app sleeps registers with its push
 * service's parameters; a call or message for it makes the switch wake it through a
 * {@link io.switchboard.sip.api.push.PushNotifier} of that service and wait for it to register again.
 */
package io.switchboard.sip.api.push;
