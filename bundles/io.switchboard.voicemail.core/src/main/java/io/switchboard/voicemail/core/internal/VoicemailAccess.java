package io.switchboard.voicemail.core.internal;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import io.switchboard.sip.api.calltarget.CallTarget;
import io.switchboard.sip.api.calltarget.CallTargetProperties;
import io.switchboard.sip.api.calltarget.TargetAnswer;
import io.switchboard.sip.api.calltarget.TargetCall;

/** The feature code {@value #CODE}: a user's own mailbox, from a phone that dials digits only. */
@Component(service = CallTarget.class)
@CallTargetProperties(target = VoicemailAccess.CODE)
public class VoicemailAccess implements CallTarget {

    static final String CODE = "*97";

    private final VoicemailTarget voicemail;

    @Activate
    public VoicemailAccess(@Reference VoicemailTarget voicemail) {
        this.voicemail = voicemail;
    }

    @Override
    public TargetAnswer offer(TargetCall call) {
        return voicemail.offer(call);
    }

    @Override
    public void ended(String callId, boolean byCaller) {
        voicemail.ended(callId, byCaller);
    }
}
