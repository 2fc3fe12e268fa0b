package io.switchboard.presence.core.internal;

import java.util.function.Supplier;

import io.switchboard.sip.api.subscription.EventPackage;
import io.switchboard.sip.api.subscription.Subscription;

/**
 * The dialog event package (RFC 4235): busy lamps. A phone subscribes to a colleague and sees each
 * of the colleague's calls: as caller trying, then ringing (early), in a call (confirmed), and the
 * call's end (terminated, once, then gone); as callee from the moment its phones ring. Who may
 * watch whom, and who sees the other party and the call's real Call-ID, is {@link WatchPolicy}'s.
 */
final class DialogPackage implements EventPackage {

    static final String EVENT = "dialog";

    private final UserDialogs dialogs;
    private final Supplier<WatchPolicy> policy;
    private final Colleagues colleagues;

    DialogPackage(UserDialogs dialogs, Supplier<WatchPolicy> policy, Colleagues colleagues) {
        this.dialogs = dialogs;
        this.policy = policy;
        this.colleagues = colleagues;
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
        return policy.get().refusal(subscriber, resource, colleagues::test);
    }

    @Override
    public byte[] state(Subscription subscription) {
        return dialogs.document(subscription.resource(), subscription.uri(), subscription.version(),
                policy.get().showsParties(subscription.subscriber(), subscription.resource()));
    }
}
