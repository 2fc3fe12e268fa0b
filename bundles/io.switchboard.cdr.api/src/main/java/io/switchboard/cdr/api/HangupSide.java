package io.switchboard.cdr.api;

/** Who ended the call. */
public enum HangupSide {
    CALLER, CALLEE, SYSTEM, UNKNOWN
}
