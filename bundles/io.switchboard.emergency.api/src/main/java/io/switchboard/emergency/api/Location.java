package io.switchboard.emergency.api;

/**
 * A dispatchable location of the address book.
 *
 * @param name its key ("hq-floor2")
 * @param address where it is
 * @param elin the emergency location identification number (an E.164 DID the carrier has on file
 *            with this address), sent as caller ID of emergency calls from here; null to send the
 *            caller's own number
 * @param description free text, or null
 */
public record Location(String name, CivicAddress address, String elin, String description) {
}
