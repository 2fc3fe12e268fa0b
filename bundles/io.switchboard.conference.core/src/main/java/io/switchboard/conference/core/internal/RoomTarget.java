package io.switchboard.conference.core.internal;

import io.switchboard.sip.api.calltarget.CallTarget;
import io.switchboard.sip.api.calltarget.TargetAnswer;
import io.switchboard.sip.api.calltarget.TargetCall;

/** A room's number as a call target of the switch: one is registered per room, named by its number. */
final class RoomTarget implements CallTarget {

    private final ConferenceService service;
    private final String number;

    RoomTarget(ConferenceService service, String number) {
        this.service = service;
        this.number = number;
    }

    @Override
    public TargetAnswer offer(TargetCall call) {
        return service.join(number, call);
    }

    @Override
    public void ended(String callId, boolean byCaller) {
        service.left(callId);
    }

    @Override
    public void reoffered(String callId, String sdpOffer) {
        service.silent.reoffered(callId, sdpOffer);
    }
}
