package io.switchboard.alert.api;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Alert rules, the alerts they raise and their history. Implemented by
 * {@code io.switchboard.alert.core}. Thread-safe.
 */
@ProviderType
public interface AlertService {

    /** @return every rule, from the API and from .cfg files */
    List<AlertRule> rules();

    Optional<AlertRule> rule(String name);

    /**
     * Adds or replaces a rule of the API.
     *
     * @throws IllegalArgumentException naming what is wrong with it, or when a .cfg file defines it
     */
    AlertRule saveRule(AlertRule rule);

    /** @return whether there was such a rule; @throws IllegalArgumentException for a rule of a .cfg file */
    boolean deleteRule(String name);

    /** @return the names of the notifiers installed, which rules can name */
    List<String> notifiers();

    /** @return the alerts firing now */
    List<Alert> firing();

    /** @return alerts that fired in the window, newest first */
    List<Alert> history(Instant from, Instant to, int limit);

    /** Evaluates every KPI rule now instead of at the next minute; @return the alerts firing afterwards */
    List<Alert> evaluate();
}
