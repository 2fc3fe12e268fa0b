package io.switchboard.alert.api;

import java.time.Instant;
import java.util.List;

/**
 * An alert: firing until its condition ends, then resolved, and kept in the history.
 *
 * @param id the store's id
 * @param rule the rule's name
 * @param kind the rule's kind
 * @param subject what it is about: a trunk, user, DID, destination or account; empty for all calls
 * @param severity the rule's
 * @param firing true until resolved
 * @param message what happened, in a sentence
 * @param value the measured value when it fired (the KPI, calls a minute), or null
 * @param reference the threshold or baseline it was held against, or null
 * @param firedAt when it fired
 * @param resolvedAt when it resolved, or null
 * @param notified what each notifier said: "email: sent", "webhook: HTTP 500"
 */
public record Alert(long id, String rule, RuleKind kind, String subject, String severity, boolean firing,
        String message, Double value, Double reference, Instant firedAt, Instant resolvedAt, List<String> notified) {

    public Alert {
        notified = notified == null ? List.of() : List.copyOf(notified);
        subject = subject == null ? "" : subject;
    }
}
