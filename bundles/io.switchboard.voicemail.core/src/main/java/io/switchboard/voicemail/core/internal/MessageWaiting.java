package io.switchboard.voicemail.core.internal;

import java.nio.charset.StandardCharsets;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import io.switchboard.sip.api.subscription.EventPackage;
import io.switchboard.sip.api.subscription.Subscription;

/**
 * Message waiting (RFC 3842): the {@code message-summary} package phones subscribe to for their
 * lamp. Each NOTIFY carries the mailbox's counts now, so a lamp is lit only while a new message
 * is there; a user watches their own mailbox only.
 */
@Component(service = EventPackage.class)
public class MessageWaiting implements EventPackage {

    static final String EVENT = "message-summary";

    private final VoicemailService service;

    @Activate
    public MessageWaiting(@Reference VoicemailService service) {
        this.service = service;
    }

    @Override
    public String event() {
        return EVENT;
    }

    @Override
    public String contentType() {
        return "application/simple-message-summary";
    }

    @Override
    public String refusal(String subscriber, String resource) {
        return subscriber.equals(resource) ? null : "A mailbox's lamp is for its owner";
    }

    @Override
    public byte[] state(Subscription subscription) {
        return summary(service.counts(subscription.resource())).getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public boolean unsolicited(String resource) {
        return service.unsolicited(resource);
    }

    /** @param counts new and old messages */
    static String summary(int[] counts) {
        return "Messages-Waiting: " + (counts[0] > 0 ? "yes" : "no") + "\r\nVoice-Message: " + counts[0] + "/"
                + counts[1] + " (0/0)\r\n";
    }
}
