package io.switchboard.presence.core.internal;

import io.switchboard.sip.api.subscription.EventPackage;
import io.switchboard.sip.api.subscription.Subscription;

/**
 * The dialog event package (RFC 4235): busy lamps. A phone subscribes to a colleague and sees each
 * of the colleague's calls: as caller trying, then ringing (early), in a call (confirmed), and the
 * call's end (terminated, once, then gone); as callee from the moment its phones ring.
 */
final class DialogPackage implements EventPackage {

    static final String EVENT = "dialog";

    private final UserDialogs dialogs;

    DialogPackage(UserDialogs dialogs) {
        this.dialogs = dialogs;
    }

    @Override
    public String event() {
        return EVENT;
    }

    @Override
    public String contentType() {
        return "application/dialog-info+xml";
    }

    @Override
    public String refusal(String subscriber, String resource) {
        return null; // every user of the switch may watch every other's lamp, as on a key system
    }

    @Override
    public byte[] state(Subscription subscription) {
        return dialogs.document(subscription.resource(), subscription.uri(), subscription.version());
    }
}
