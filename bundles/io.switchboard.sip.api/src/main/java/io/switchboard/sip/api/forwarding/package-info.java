/**
 * Call forwarding: where a user's calls go instead of ringing its phones, or after they did not
 * answer. A forwarding service supplies each user's rules; the switch carries them out.
 */
package io.switchboard.sip.api.forwarding;
