package io.switchboard.sip.api.push;

/**
 * One push notification to send.
 *
 * @param provider the phone's {@code pn-provider}
 * @param prid the phone's {@code pn-prid}: its device token with the service
 * @param param the phone's {@code pn-param} (the app or project), or null
 * @param user the user the phone belongs to
 * @param reason why it is woken: "call" or "message"
 * @param callId the switch's id of the call (or message) waiting for it
 */
public record PushRequest(String provider, String prid, String param, String user, String reason, String callId) {
}
