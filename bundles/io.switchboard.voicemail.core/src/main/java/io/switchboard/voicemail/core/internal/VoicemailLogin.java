package io.switchboard.voicemail.core.internal;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import io.switchboard.sip.api.calltarget.CallTarget;
import io.switchboard.sip.api.calltarget.CallTargetProperties;
import io.switchboard.sip.api.calltarget.TargetAnswer;
import io.switchboard.sip.api.calltarget.TargetCall;

/**
 * The feature code {@value #CODE}: any mailbox from any phone, with its number and PIN. A number of
 * the inventory whose destination is {@value #CODE} gives the same from outside (a carrier's call).
 */
@Component(service = CallTarget.class)
@CallTargetProperties(target = VoicemailLogin.CODE)
public class VoicemailLogin implements CallTarget {

    static final String CODE = "*98";

    private final VoicemailTarget voicemail;

    @Activate
    public VoicemailLogin(@Reference VoicemailTarget voicemail) {
        this.voicemail = voicemail;
    }

    @Override
    public TargetAnswer offer(TargetCall call) {
        return voicemail.login(call);
    }

    @Override
    public void ended(String callId, boolean byCaller) {
        voicemail.ended(callId, byCaller);
    }
}
