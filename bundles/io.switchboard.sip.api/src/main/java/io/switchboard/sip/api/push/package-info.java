/**
 * Push notifications for mobile phones (RFC 8599): a phone whose app sleeps registers with its push
 * service's parameters; a call or message for it makes the switch wake it through a
 * {@link io.switchboard.sip.api.push.PushNotifier} of that service and wait for it to register again.
 */
@Version("1.0.0")
package io.switchboard.sip.api.push;

import org.osgi.annotation.versioning.Version;
