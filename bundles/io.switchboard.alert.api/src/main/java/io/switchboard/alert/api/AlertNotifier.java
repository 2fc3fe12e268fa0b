package io.switchboard.alert.api;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Tells someone of an alert: e-mail, a webhook, syslog, a pager service. Registered as an OSGi
 * service with the property {@value #NAME}; rules name the notifiers they use. Called on a thread
 * of the alert service's own, once when an alert fires and once when it resolves; may block for
 * a few seconds, and throws when the message could not be delivered (the history says so).
 */
@ConsumerType
public interface AlertNotifier {

    /** Service property: the notifier's name, as rules name it. */
    String NAME = "switchboard.alert.notifier";

    /** @throws Exception when the alert could not be delivered; its message goes into the alert's history */
    void notify(Alert alert) throws Exception;
}
