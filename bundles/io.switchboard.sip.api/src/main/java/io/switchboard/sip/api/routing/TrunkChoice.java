package io.switchboard.sip.api.routing;

/**
 * A trunk of an outbound decision, in the order it is tried.
 *
 * @param trunk the trunk's name
 * @param usable whether it can take the call now
 * @param why "usable", or why not (down, disabled, all channels in use, not registered, a policy's reason)
 */
public record TrunkChoice(String trunk, boolean usable, String why) {
}
