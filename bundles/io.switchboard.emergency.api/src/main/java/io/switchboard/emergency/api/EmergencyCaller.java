package io.switchboard.emergency.api;

import java.net.InetAddress;

/**
 * Who places an emergency call, as the switch knows it.
 *
 * @param user the authenticated user
 * @param number the user's own number in E.164 form, or null when it has none
 * @param source the address the call's INVITE came from (the packet's, never a header's), or null
 */
public record EmergencyCaller(String user, String number, InetAddress source) {
}
