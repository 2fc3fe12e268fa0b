package io.switchboard.parking.core.internal;

import java.nio.charset.StandardCharsets;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventConstants;
import org.osgi.service.event.EventHandler;

import io.switchboard.parking.api.ParkedCall;
import io.switchboard.parking.api.ParkingEvents;
import io.switchboard.parking.api.ParkingLot;
import io.switchboard.sip.api.subscription.EventPackage;
import io.switchboard.sip.api.subscription.Subscription;
import io.switchboard.sip.api.subscription.Subscriptions;

/**
 * Busy lamps on park slots (the dialog package, RFC 4235, for a slot's number): a call in the slot is a confirmed
 * dialog, a free slot a terminated one, as the common phones' park keys expect. Any user of the switch may watch
 * the lot: it is the office's, as on the receptionist's console.
 */
@Component(service = { EventPackage.class, EventHandler.class }, property = EventConstants.EVENT_TOPIC + "="
        + ParkingEvents.TOPIC_PREFIX + "*")
public class SlotLamps implements EventPackage, EventHandler {

    private final ParkingLot lot;
    private final Subscriptions subscriptions;

    @Activate
    public SlotLamps(@Reference ParkingLot lot, @Reference Subscriptions subscriptions) {
        this.lot = lot;
        this.subscriptions = subscriptions;
    }

    @Override
    public String event() {
        return "dialog";
    }

    @Override
    public String contentType() {
        return "application/dialog-info+xml";
    }

    @Override
    public boolean targets() {
        return true;
    }

    @Override
    public boolean serves(String resource) {
        return lot.slots().contains(resource);
    }

    @Override
    public String refusal(String subscriber, String resource) {
        return serves(resource) ? null : resource + " is no parking slot";
    }

    @Override
    public byte[] state(Subscription subscription) {
        boolean taken = lot.parked().stream().anyMatch(p -> p.slot().equals(subscription.resource())
                && p.state() == ParkedCall.State.PARKED);
        String xml = "<?xml version=\"1.0\"?>\n<dialog-info xmlns=\"urn:ietf:params:xml:ns:dialog-info\" version=\""
                + subscription.version() + "\" state=\"full\" entity=\"" + escaped(subscription.uri()) + "\">\n"
                + "  <dialog id=\"park-" + escaped(subscription.resource()) + "\" direction=\"recipient\"><state>"
                + (taken ? "confirmed" : "terminated") + "</state></dialog>\n</dialog-info>\n";
        return xml.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public void handleEvent(Event event) {
        if (event.getProperty(ParkingEvents.SLOT) instanceof String slot) {
            subscriptions.changed(event(), slot);
        }
    }

    private static String escaped(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
