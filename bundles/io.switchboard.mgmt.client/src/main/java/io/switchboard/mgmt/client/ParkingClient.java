package io.switchboard.mgmt.client;

import java.time.Instant;
import java.util.List;

/**
 * The parking lot in the management API ({@code /parking}), read-only: its park number, its slots and the calls
 * parked or on their way back. Blocks like {@link ManagementClient}: call it from a job.
 *
 * @since 1.19
 */
public final class ParkingClient {

    /** A call in a slot ({@code PARKED}), or ringing back from it ({@code RETURNING}). */
    public record Parked(String slot, String callId, String caller, String callerName, String parkedBy,
            Instant parkedAt, Instant returnsAt, String state) {
    }

    /** The lot: what a phone transfers to, every slot's number in order, and the calls in it. */
    public record Lot(String parkNumber, List<String> slots, List<Parked> parked) {
    }

    private final ManagementClient api;

    public ParkingClient(ManagementClient api) {
        this.api = api;
    }

    public Lot lot() throws ManagementException {
        return ApiCalls.read(api.get("parking"), Lot.class);
    }
}
