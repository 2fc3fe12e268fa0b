package com.acme.switchboard.pager;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;

import org.osgi.service.component.annotations.Component;

import io.switchboard.alert.api.Alert;
import io.switchboard.alert.api.AlertNotifier;

/**
 * A sample alert notifier: pages the on-call engineer for critical alerts only and says so in the
 * log (a real one would call a pager service's API here). Rules reach it by its name,
 * {@code acme-pager}; a rule without notifiers reaches it too. Throwing tells the alert's history
 * that the page did not go out.
 */
@Component(property = AlertNotifier.NAME + "=acme-pager")
public class Pager implements AlertNotifier {

    private static final Logger LOG = System.getLogger(Pager.class.getName());

    @Override
    public void notify(Alert alert) {
        if (!"critical".equals(alert.severity())) {
            return;
        }
        LOG.log(Level.INFO, "Acme pager: " + (alert.firing() ? "PAGE " : "all clear ") + alert.rule()
                + (alert.subject().isEmpty() ? "" : " " + alert.subject()) + ": " + alert.message());
    }
}
