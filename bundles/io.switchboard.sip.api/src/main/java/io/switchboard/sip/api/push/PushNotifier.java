package io.switchboard.sip.api.push;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Sends push notifications through one push service (FCM, APNs, a push gateway): a vendor plugin.
 * Register it as an OSGi service; phones that register with {@code pn-provider} equal to its
 * {@link #provider()} are woken through it, others get 555. {@link #push} runs on a thread of the
 * switch's that may wait for the service, never on a SIP thread.
 */
@ConsumerType
public interface PushNotifier {

    /** @return the {@code pn-provider} value this notifier serves: "fcm", "apns", "webpush" */
    String provider();

    /**
     * Wakes one phone.
     *
     * @throws Exception when the service refused or could not be reached: the switch rings the
     *         user's other phones, and the record says why
     */
    void push(PushRequest request) throws Exception;
}
