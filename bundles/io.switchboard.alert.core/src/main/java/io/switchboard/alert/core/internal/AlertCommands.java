package io.switchboard.alert.core.internal;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import io.switchboard.alert.api.Alert;
import io.switchboard.alert.api.AlertRule;
import io.switchboard.alert.api.AlertService;

/** Gogo shell commands: {@code alert:firing}, {@code alert:history [days]}, {@code alert:rules}, {@code alert:evaluate}. */
@Component(service = AlertCommands.class, property = { "osgi.command.scope=alert", "osgi.command.function=firing",
        "osgi.command.function=history", "osgi.command.function=rules", "osgi.command.function=evaluate" })
public class AlertCommands {

    @Reference
    private AlertService alerts;

    public String firing() {
        return list(alerts.firing(), "No alert is firing");
    }

    public String history() {
        return history(7);
    }

    public String history(int days) {
        Instant now = Instant.now();
        return list(alerts.history(now.minus(days, ChronoUnit.DAYS), now, 100), "No alert in the last " + days + " days");
    }

    public String evaluate() {
        return list(alerts.evaluate(), "No alert is firing");
    }

    public String rules() {
        StringBuilder sb = new StringBuilder();
        for (AlertRule r : alerts.rules()) {
            sb.append(String.format("%-22s %-18s %-8s %-12s %-8s %s%n", r.name(), r.kind().id(),
                    r.kpi() == null ? "-" : r.kpi(), r.scope().id() + (r.key() == null ? "" : " " + r.key()),
                    r.enabled() ? r.severity() : "disabled", r.source()));
        }
        return sb.toString();
    }

    private static String list(List<Alert> list, String none) {
        if (list.isEmpty()) {
            return none + System.lineSeparator();
        }
        StringBuilder sb = new StringBuilder();
        for (Alert a : list) {
            sb.append(String.format("#%-5d %-9s %-8s %-20s %s%n", a.id(), a.firing() ? "FIRING" : "resolved",
                    a.severity(), a.rule(), a.firedAt() + " " + a.message()));
        }
        return sb.toString();
    }
}
