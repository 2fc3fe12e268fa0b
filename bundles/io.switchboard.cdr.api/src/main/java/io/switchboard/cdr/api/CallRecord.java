package io.switchboard.cdr.api;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One call, answered or not: what the softswitch produced or an importer read. Immutable.
 *
 * <p>{@code source} and {@code sourceId} form the natural key: the same call from the same source
 * is stored once, however often it is imported. Where a source has no ids of its own, importers
 * derive a stable one from the record's content.
 *
 * @param id the store's id, or {@code null} before the record is stored
 * @param source which switch or import produced it, for example {@code switchboard} or
 *            {@code asterisk:pbx1}
 * @param sourceId the source's unique id of the call (uniqueid, uuid, globalCallID, ...)
 * @param callIds the SIP Call-IDs of the legs, first the caller's
 * @param start when the call started (the first INVITE)
 * @param ring when it first rang (180/183), or null; post-dial delay is ring - start
 * @param answer when it was answered, or null
 * @param end when it ended
 * @param billableSeconds seconds from answer to end, 0 when not answered
 * @param caller the calling number as presented
 * @param callerE164 the calling number normalised, or null
 * @param callerName the caller's display name, or null
 * @param callee the called number as dialled
 * @param calleeE164 the called number normalised, or null
 * @param direction inbound, outbound, internal
 * @param trunkIn the trunk the call came in on, or null
 * @param trunkOut the trunk the call went out on, or null
 * @param did the number (DID) dialled on an inbound call, or null
 * @param disposition how it ended
 * @param sipCode the final SIP status code (200 for answered calls)
 * @param sipReason the final reason phrase or the source's cause text
 * @param hangupSide who ended it
 * @param codec the negotiated audio codec, or null
 * @param qualityA media quality received from the caller's side
 * @param qualityB media quality received from the callee's side
 * @param tags free-form tags and the source's original fields that have no place above
 */
public record CallRecord(String id, String source, String sourceId, List<String> callIds, Instant start,
        Instant ring, Instant answer, Instant end, long billableSeconds, String caller, String callerE164,
        String callerName, String callee, String calleeE164, Direction direction, String trunkIn, String trunkOut,
        String did, Disposition disposition, int sipCode, String sipReason, HangupSide hangupSide, String codec,
        Quality qualityA, Quality qualityB, Map<String, String> tags) {

    public CallRecord {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(sourceId, "sourceId");
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(disposition, "disposition");
        callIds = callIds == null ? List.of() : List.copyOf(callIds);
        tags = tags == null ? Map.of() : Map.copyOf(tags);
        direction = direction == null ? Direction.UNKNOWN : direction;
        hangupSide = hangupSide == null ? HangupSide.UNKNOWN : hangupSide;
        qualityA = qualityA == null ? Quality.NONE : qualityA;
        qualityB = qualityB == null ? Quality.NONE : qualityB;
    }

    /** @return seconds from start to end (0 when the end is unknown) */
    public long durationSeconds() {
        return end == null ? 0 : Math.max(0, end.getEpochSecond() - start.getEpochSecond());
    }

    /** @return post-dial delay in milliseconds, or -1 when the call never rang */
    public long pddMillis() {
        return ring == null ? -1 : ring.toEpochMilli() - start.toEpochMilli();
    }

    /** @return the lower of both directions' MOS, or null when none was measured */
    public Double mos() {
        if (qualityA.mos() == null) {
            return qualityB.mos();
        }
        return qualityB.mos() == null ? qualityA.mos() : Math.min(qualityA.mos(), qualityB.mos());
    }

    /** @return a copy with other tags */
    public CallRecord withTags(Map<String, String> newTags) {
        return new CallRecord(id, source, sourceId, callIds, start, ring, answer, end, billableSeconds, caller,
                callerE164, callerName, callee, calleeE164, direction, trunkIn, trunkOut, did, disposition, sipCode,
                sipReason, hangupSide, codec, qualityA, qualityB, newTags);
    }

    /** @return a copy with the store's id */
    public CallRecord withId(String newId) {
        return new CallRecord(newId, source, sourceId, callIds, start, ring, answer, end, billableSeconds, caller,
                callerE164, callerName, callee, calleeE164, direction, trunkIn, trunkOut, did, disposition, sipCode,
                sipReason, hangupSide, codec, qualityA, qualityB, tags);
    }
}
