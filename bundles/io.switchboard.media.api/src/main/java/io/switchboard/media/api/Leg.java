package io.switchboard.media.api;

/** A side of a call: A is the caller's leg, B the callee's. */
public enum Leg {
    A, B;

    /** @return the leg across the switch from this one */
    public Leg other() {
        return this == A ? B : A;
    }
}
