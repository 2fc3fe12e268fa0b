package com.acme.switchboard.calllog;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventConstants;
import org.osgi.service.event.EventHandler;

import io.switchboard.sip.api.CallControl;
import io.switchboard.sip.api.SipEvents;

/**
 * A sample plugin: one log line per call event of the softswitch, with both legs' Call-IDs and
 * how many calls are up, one per trunk going up or down, and one per phone registering or unregistering. Drop its jar into the server's plugins folder; remove it to stop.
 * Handlers run on Event Admin's threads and must return quickly: this one only formats a line.
 */
@Component(property = { EventConstants.EVENT_TOPIC + "=" + SipEvents.CALL_TOPIC_PREFIX + "*",
        EventConstants.EVENT_TOPIC + "=" + SipEvents.TRUNK_TOPIC_PREFIX + "*",
        EventConstants.EVENT_TOPIC + "=" + SipEvents.REGISTRATION_TOPIC_PREFIX + "*" })
public class CallLog implements EventHandler {

    private static final Logger LOG = System.getLogger(CallLog.class.getName());

    @Reference
    private CallControl calls;

    @Override
    public void handleEvent(Event event) {
        if (event.getTopic().startsWith(SipEvents.TRUNK_TOPIC_PREFIX)) {
            LOG.log(Level.INFO, "Acme call log: trunk " + event.getProperty(SipEvents.TRUNK) + " "
                    + event.getTopic().substring(SipEvents.TRUNK_TOPIC_PREFIX.length()));
            return;
        }
        if (event.getTopic().startsWith(SipEvents.REGISTRATION_TOPIC_PREFIX)) {
            LOG.log(Level.INFO, "Acme call log: " + event.getProperty(SipEvents.USER) + " "
                    + event.getTopic().substring(SipEvents.REGISTRATION_TOPIC_PREFIX.length()) + " "
                    + event.getProperty(SipEvents.CONTACT) + " from " + event.getProperty(SipEvents.SOURCE));
            return;
        }
        String what = event.getTopic().substring(SipEvents.CALL_TOPIC_PREFIX.length());
        LOG.log(Level.INFO, "Acme call log: " + what + " " + event.getProperty(SipEvents.CALLER) + " -> "
                + event.getProperty(SipEvents.CALLEE) + " a=" + event.getProperty(SipEvents.A_CALL_ID) + " b="
                + event.getProperty(SipEvents.B_CALL_ID)
                + (event.getProperty(SipEvents.DISPOSITION) == null ? "" : " " + event.getProperty(SipEvents.DISPOSITION))
                + " (" + calls.activeCalls().size() + " up)");
    }
}
