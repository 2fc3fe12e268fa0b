package io.switchboard.sip.api.provisioning;

import java.util.List;

/**
 * A number of the inventory (a DID), with where its calls go.
 *
 * @param number the number in E.164 form, "+" and 7 to 15 digits
 * @param destination the user its calls go to, or null for a number not in service
 * @param description free text, or null
 * @param emergencyAddress the civic address sent with emergency calls from it, or null
 * @param tags free labels
 */
public record PhoneNumber(String number, String destination, String description, String emergencyAddress,
        List<String> tags) {
}
