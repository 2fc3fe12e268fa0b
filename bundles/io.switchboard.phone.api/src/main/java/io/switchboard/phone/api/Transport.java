package io.switchboard.phone.api;

/** The SIP transport of an account. */
public enum Transport {
    UDP, TCP, TLS
}
