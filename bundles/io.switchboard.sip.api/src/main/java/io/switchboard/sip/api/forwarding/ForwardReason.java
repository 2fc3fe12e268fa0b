package io.switchboard.sip.api.forwarding;

/**
 * Why a call was forwarded, with the names the call's Diversion (RFC 5806) and History-Info (RFC
 * 7044, cause by RFC 4458) headers give it.
 */
public enum ForwardReason {
    /** Every call of the user goes on, its phones do not ring. */
    UNCONDITIONAL("unconditional", 302),
    /** The user's phones answered busy. */
    BUSY("user-busy", 486),
    /** Nobody answered within the user's time. */
    NO_ANSWER("no-answer", 408),
    /** No phone of the user could be reached (none registered, none answering the request). */
    UNAVAILABLE("unavailable", 480);

    private final String diversion;
    private final int cause;

    ForwardReason(String diversion, int cause) {
        this.diversion = diversion;
        this.cause = cause;
    }

    /** @return the reason as a Diversion header's {@code reason} parameter names it */
    public String diversion() {
        return diversion;
    }

    /** @return the SIP status a History-Info entry's {@code cause} parameter gives it */
    public int cause() {
        return cause;
    }
}
