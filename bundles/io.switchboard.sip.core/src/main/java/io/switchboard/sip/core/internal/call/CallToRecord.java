package io.switchboard.sip.core.internal.call;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import io.switchboard.cdr.api.CallRecord;
import io.switchboard.cdr.api.Disposition;
import io.switchboard.media.api.Leg;
import io.switchboard.media.api.StreamStats;

/** A call's record as it stands: its parties, times, outcome, quality and the tags its services gave it. */
final class CallToRecord {

    private CallToRecord() {
    }

    /**
     * @param source the switch's name in its records
     * @param node the server that carried the call, tagged {@code node}
     */
    static CallRecord of(Call call, Disposition disposition, String source, String node) {
        String trunkOut = call.trunkOut == null ? null : call.trunkOut.name();
        List<String> callIds = call.bCallId == null ? List.of(call.aCallId()) : List.of(call.aCallId(), call.bCallId);
        long billable = call.answer != null && call.end != null
                ? Math.max(0, call.end.getEpochSecond() - call.answer.getEpochSecond()) : 0;
        Map<String, String> tags = new LinkedHashMap<>(call.serviceTags);
        if (node != null) {
            tags.put("node", node);
        }
        if (call.target != null) {
            tags.put("target", call.target);
        }
        if (call.callerCompany != null) {
            tags.put("callerCompany", call.callerCompany);
        }
        if (call.callerLink != null) {
            tags.put("callerLink", call.callerLink);
        }
        if (call.divertedFrom != null) {
            tags.put("voicemail", call.divertedFrom);
        }
        if (call.hunt != null) {
            if (!call.hunt.agents) { // a queue's agents rung at once are no group
                tags.put("group", call.hunt.plan.group());
            }
            if (call.hunt.answeredBy != null) {
                tags.put("answeredBy", call.hunt.answeredBy);
            }
            if (!call.hunt.passed.isEmpty()) {
                tags.put("passedOver", String.join("; ", call.hunt.passed));
            }
        }
        if (!call.forwards.isEmpty()) {
            tags.put("forwards", call.forwards.stream().map(Object::toString)
                    .collect(Collectors.joining("; ")));
        }
        if (call.pickedUpFrom != null) {
            tags.put("pickedUpBy", call.calleeUser);
        }
        if (call.transferredTo != null) {
            tags.put("transferredTo", call.transferredTo);
        }
        if (call.send != null) {
            tags.put("sent", call.send);
        }
        if (!call.attempts.isEmpty()) {
            tags.put("failover", String.join("; ", call.attempts));
        }
        if (call.encrypted) {
            tags.put("encryption", "srtp");
        }
        if (call.streams != null && !call.streams.isEmpty() && !call.streams.equals("audio")) {
            tags.put("streams", call.streams); // a record without it carried audio alone
        }
        if (call.push != null) {
            tags.put("push", call.push);
            if (call.pushMillis >= 0) {
                tags.put("pushMillis", Long.toString(call.pushMillis));
            }
        }
        Map<Leg, StreamStats> measured = call.media == null
                ? Map.of()
                : call.media.stats();
        if (call.media != null) {
            tags.put("media", "relay");
            long dtmf = measured.values().stream().mapToLong(s -> s.dtmfEvents()).sum();
            if (dtmf > 0) {
                tags.put("dtmf", Long.toString(dtmf));
            }
            call.media.recording().ifPresent(r -> {
                tags.put("recording", r.file());
                tags.put("recordingFormat", r.format());
            });
        }
        return new CallRecord(null, source, call.aCallId(), callIds, call.start, call.ring, call.answer,
                call.end, billable, call.caller, call.callerE164 != null ? call.callerE164 : CallPart.e164(call.caller),
                call.callerName, call.callee, call.calleeE164 != null ? call.calleeE164 : CallPart.e164(call.callee),
                call.direction, call.trunkIn, trunkOut, call.did, disposition, call.sipCode,
                call.reason == null ? "" : call.reason, call.hangupSide, call.codec,
                MediaAnchor.quality(measured.get(Leg.A)),
                MediaAnchor.quality(measured.get(Leg.B)), tags);
    }
}
