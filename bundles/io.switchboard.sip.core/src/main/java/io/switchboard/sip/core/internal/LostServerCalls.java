package io.switchboard.sip.core.internal;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventConstants;
import org.osgi.service.event.EventHandler;

import io.switchboard.cluster.api.Cluster;

/**
 * When this server is the one that found another lost, the calls that server carried get their
 * records here: the finished ones it had not stored, and its answered ones as interrupted.
 */
@Component(property = EventConstants.EVENT_TOPIC + "=" + Cluster.NODE_LOST)
public class LostServerCalls implements EventHandler {

    @Reference
    private SipServer server;

    @Override
    public void handleEvent(Event event) {
        if (event.getProperty(Cluster.NODE) instanceof String lost) {
            server.takeOver(lost);
        }
    }
}
