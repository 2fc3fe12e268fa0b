package io.switchboard.parking.api;

/**
 * The Event Admin events of call parking (posted asynchronously): for busy lamps, webhooks and the console. Each
 * carries {@link #SLOT}, {@link #CALL_ID} and {@link #CALLER}.
 */
public final class ParkingEvents {

    public static final String TOPIC_PREFIX = "io/switchboard/parking/";
    /** A call came into a slot: {@link #PARKED_BY} names who parked it, when known. */
    public static final String PARKED = TOPIC_PREFIX + "PARKED";
    /** A call left its slot: {@link #OUTCOME} says how. */
    public static final String LEFT = TOPIC_PREFIX + "LEFT";

    public static final String SLOT = "slot";
    public static final String CALL_ID = "call.id";
    public static final String CALLER = "caller";
    public static final String PARKED_BY = "parkedBy";
    /** retrieved (with {@link #BY}), returned (parked too long), abandoned (the caller hung up). */
    public static final String OUTCOME = "outcome";
    /** Who took the call back from its slot. */
    public static final String BY = "by";

    private ParkingEvents() {
    }
}
