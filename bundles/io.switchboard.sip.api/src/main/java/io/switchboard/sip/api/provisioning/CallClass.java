package io.switchboard.sip.api.provisioning;

/**
 * What a user may call through the trunks, its class of service. Each class allows what the ones
 * before it allow; calls to other users and to our own numbers are always allowed, and so are the
 * emergency numbers of the switch's country.
 */
public enum CallClass {
    /** Other users and our own numbers only: no call out through a trunk. */
    INTERNAL,
    /** Numbers of the switch's own country (its default country code), premium-rate ones excepted. */
    NATIONAL,
    /** Numbers of any country, premium-rate ones excepted. */
    INTERNATIONAL,
    /** Any number, premium-rate numbers and short codes included. */
    PREMIUM
}
