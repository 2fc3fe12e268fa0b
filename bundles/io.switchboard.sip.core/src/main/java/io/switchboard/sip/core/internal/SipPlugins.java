package io.switchboard.sip.core.internal;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

import org.osgi.framework.ServiceReference;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.event.EventAdmin;
import org.osgi.service.event.EventHandler;

import io.switchboard.cdr.api.CallRecord;
import io.switchboard.directory.api.ContactLookup;
import io.switchboard.emergency.api.EmergencyLocations;
import io.switchboard.media.api.MediaRelay;
import io.switchboard.sip.api.CallTagger;
import io.switchboard.sip.api.forwarding.CallForwarding;
import io.switchboard.sip.api.push.PushNotifier;
import io.switchboard.sip.core.internal.call.CallTaggers;

/**
 * The services of other bundles and plugins the switch uses when they are there, and works without:
 * the media relay, event packages, push services, resource lists, the message store, forwarding,
 * contact directories, emergency locations, call taggers and Event Admin. A component of its own so
 * that the switch's wiring does not carry a dozen dynamic references; each is read at the moment of
 * use, so a plugin that comes or goes takes effect on the next call.
 */
@Component(service = SipPlugins.class)
public class SipPlugins {

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile MediaRelay mediaRelay;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile CallForwarding forwarding;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile ContactLookup contacts;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile EmergencyLocations emergencyLocations;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile EventAdmin eventAdmin;

    private final List<PushNotifier> pushNotifiers = new CopyOnWriteArrayList<>();
    private final CallTaggers taggers = new CallTaggers();
    /**
     * Event handlers present: with none, no event is made. Each posted event cost a hand-off to
     * Event Admin's thread even with nobody to deliver it to (five context switches a call).
     */
    private final AtomicLong handlers = new AtomicLong();

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addPushNotifier(PushNotifier notifier) {
        pushNotifiers.add(notifier);
    }

    void removePushNotifier(PushNotifier notifier) {
        pushNotifiers.remove(notifier);
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addCallTagger(CallTagger tagger) {
        taggers.add(tagger);
    }

    void removeCallTagger(CallTagger tagger) {
        taggers.remove(tagger);
    }

    @Reference(service = EventHandler.class, cardinality = ReferenceCardinality.MULTIPLE,
            policy = ReferencePolicy.DYNAMIC)
    void addHandler(ServiceReference<EventHandler> handler) {
        handlers.incrementAndGet();
    }

    void removeHandler(ServiceReference<EventHandler> handler) {
        handlers.decrementAndGet();
    }

    /** @return the media relay, or null when its bundle is not running: calls then go phone to phone */
    public MediaRelay mediaRelay() {
        return mediaRelay;
    }

    /** @return the users' call forwarding, or null: calls then ring as they are */
    public CallForwarding forwarding() {
        return forwarding;
    }

    /** @return the contact directories, or null: calls from trunks then carry the carrier's name */
    public ContactLookup contacts() {
        return contacts;
    }

    /** @return the emergency address book, or null: emergency calls then go out with no location */
    public EmergencyLocations emergencyLocations() {
        return emergencyLocations;
    }

    /** @return Event Admin while some handler listens, else null: then no event is made */
    public EventAdmin eventAdmin() {
        return handlers.get() > 0 ? eventAdmin : null;
    }

    /** @return the push services that wake phones whose apps sleep (RFC 8599) */
    public List<PushNotifier> pushNotifiers() {
        return pushNotifiers;
    }

    /** @return the record with the tagger plugins' tags added */
    public CallRecord tag(CallRecord record) {
        return taggers.tag(record);
    }
}
