package io.switchboard.integration.ui.internal;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import org.eclipse.jface.viewers.IStructuredSelection;
import org.eclipse.jface.viewers.TableViewer;
import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Text;

import io.switchboard.console.ui.SelectedServer;
import io.switchboard.console.ui.widgets.Columns;
import io.switchboard.console.ui.widgets.ConsoleSettings;
import io.switchboard.console.ui.widgets.LiveRefresh;
import io.switchboard.console.ui.widgets.LiveViewPart;
import io.switchboard.console.ui.widgets.ServerWork;
import io.switchboard.console.ui.widgets.Widgets;
import io.switchboard.integration.ui.internal.IntegrationClient.Delivery;
import io.switchboard.integration.ui.internal.IntegrationClient.Snapshot;
import io.switchboard.integration.ui.internal.IntegrationClient.Subscription;
import io.switchboard.integration.ui.internal.IntegrationClient.Token;
import io.switchboard.mgmt.client.ManagementException;
import jakarta.annotation.PostConstruct;
import jakarta.inject.Inject;

/**
 * What a company's own systems hold on to, on the selected server (admins): the webhook
 * subscriptions (a form makes, changes, tries or deletes one), their latest deliveries with state,
 * attempts and the last error (a failed one can be sent again), and the integrations' API tokens
 * (a new one is shown once, here), live.
 */
public class IntegrationsPart extends LiveViewPart {

    @Inject
    SelectedServer server;

    private Text id;
    private Text url;
    private Text events;
    private Text secret;
    private Text tokenName;
    private Text scopes;
    private Text days;
    private Label shown;
    private Label summary;
    private Text issued;
    private TableViewer subscriptions;
    private TableViewer deliveries;
    private TableViewer tokens;

    @PostConstruct
    public void createControls(Composite parent) {
        Label status = Widgets.id(new Label(Widgets.toolbar(parent, 1), SWT.NONE), "integrations.status");
        Widgets.fillWidth(status);
        Composite form = Widgets.toolbar(parent, 7);
        id = Fields.text(form, "Webhook:", "webhook.id", "crm", 90);
        url = Fields.text(form, "URL:", "webhook.url", "https://crm.example.com/switchboard", 260);
        events = Fields.text(form, "Events:", "webhook.events", "* or call.ended, call.missed", 170);
        secret = Widgets.id(new Text(form, SWT.BORDER | SWT.PASSWORD), "webhook.secret");
        secret.setMessage("signing secret (kept if empty)");
        secret.setLayoutData(new GridData(170, SWT.DEFAULT));
        Composite buttons = Widgets.toolbar(parent, 3);
        Widgets.button(buttons, "Save", "webhook.save", this::save);
        // each action reads its fields here, on the UI thread; the change runs on a job's
        Widgets.button(buttons, "Try it", "webhook.ping", () -> {
            String name = text(id);
            act("Try webhook " + name, c -> c.ping(name));
        });
        Widgets.button(buttons, "Delete", "webhook.delete", () -> {
            String name = text(id);
            act("Delete webhook " + name, c -> c.delete(name));
        });
        subscriptions = Columns.viewer(parent, "webhook.subscriptions", SWT.SINGLE);
        Columns.add(subscriptions, "Webhook", 100, (Subscription s) -> s.id());
        Columns.add(subscriptions, "URL", 320, (Subscription s) -> s.url());
        Columns.add(subscriptions, "Events", 260, (Subscription s) -> String.join(", ", s.events()));
        Columns.add(subscriptions, "Sending", 70, (Subscription s) -> s.active() ? "yes" : "paused");
        Columns.add(subscriptions, "Signed", 60, (Subscription s) -> s.secretSet() ? "yes" : "no");
        subscriptions.addSelectionChangedListener(e -> {
            if (((IStructuredSelection) e.getSelection()).getFirstElement() instanceof Subscription s) {
                id.setText(s.id());
                url.setText(s.url());
                events.setText(String.join(", ", s.events()));
            }
        });
        Composite resend = Widgets.toolbar(parent, 2);
        summary = Widgets.id(new Label(resend, SWT.NONE), "webhook.summary");
        summary.setText("Latest deliveries:");
        Widgets.button(resend, "Send again", "webhook.resend", this::resend);
        deliveries = Columns.viewer(parent, "webhook.deliveries", SWT.SINGLE);
        Columns.add(deliveries, "#", 50, (Delivery d) -> Long.toString(d.id()));
        Columns.add(deliveries, "Webhook", 90, (Delivery d) -> d.subscription());
        Columns.add(deliveries, "Event", 110, (Delivery d) -> d.event());
        Columns.add(deliveries, "State", 90, IntegrationsPart::state);
        Columns.add(deliveries, "Attempts", 70, (Delivery d) -> Integer.toString(d.attempts()));
        Columns.add(deliveries, "Answer", 260, (Delivery d) -> d.lastError() != null ? d.lastError()
                : d.lastStatus() == null ? "" : "HTTP " + d.lastStatus());
        Columns.add(deliveries, "Happened", 150, (Delivery d) -> ConsoleSettings.time(d.created()));
        Columns.add(deliveries, "Next attempt", 150, (Delivery d) -> d.nextAttempt() == null ? ""
                : ConsoleSettings.time(d.nextAttempt()));

        Composite tokenForm = Widgets.toolbar(parent, 9);
        tokenName = Fields.text(tokenForm, "API token:", "token.name", "crm", 90);
        scopes = Fields.text(tokenForm, "Scopes:", "token.scopes", "cdr:read, provisioning", 220);
        days = Fields.text(tokenForm, "Days:", "token.days", "365 (empty: no end)", 120);
        Widgets.button(tokenForm, "Make token", "token.make", this::makeToken);
        Widgets.button(tokenForm, "Delete token", "token.delete", () -> {
            String name = text(tokenName);
            act("Delete token " + name, c -> c.deleteToken(name));
        });
        issued = Widgets.id(new Text(parent, SWT.READ_ONLY | SWT.BORDER), "token.issued");
        issued.setMessage("A new token shows here once: copy it into the integration's secret store");
        Widgets.fillWidth(issued);
        tokens = Columns.viewer(parent, "token.list", SWT.SINGLE);
        Columns.add(tokens, "Token", 100, (Token t) -> t.name());
        Columns.add(tokens, "Scopes", 240, (Token t) -> String.join(", ", t.scopes()));
        Columns.add(tokens, "Acts as", 70, (Token t) -> t.role());
        Columns.add(tokens, "Made by", 80, (Token t) -> t.createdBy());
        Columns.add(tokens, "Expires", 150, (Token t) -> t.expires() == null ? "never" : ConsoleSettings.time(t.expires()));
        Columns.add(tokens, "Last used", 150, (Token t) -> t.lastUsed() == null ? "never"
                : ConsoleSettings.time(t.lastUsed()) + " from " + t.lastAddress());
        tokens.addSelectionChangedListener(e -> {
            if (((IStructuredSelection) e.getSelection()).getFirstElement() instanceof Token t) {
                tokenName.setText(t.name());
            }
        });
        shown = Widgets.id(new Label(parent, SWT.NONE), "integrations.shown");
        Widgets.fillWidth(shown);
        live = LiveRefresh.of("integrations", status, server, () -> new IntegrationClient(server.client()).snapshot(),
                IntegrationClient.EMPTY, this::show);
    }

    /** @return the delivery's state as the admin reads it: waiting, retrying, delivered or failed */
    static String state(Delivery d) {
        return switch (d.state()) {
            case "PENDING" -> d.attempts() == 0 ? "waiting" : "retrying";
            case "DELIVERED" -> "delivered";
            case "FAILED" -> "failed";
            default -> d.state().toLowerCase(Locale.ROOT);
        };
    }

    private void show(Snapshot s) {
        IntegrationClient.Counts c = s.counts();
        summary.setText("Latest deliveries (" + c.delivered() + " delivered, " + c.waiting() + " waiting or retrying, "
                + c.failed() + " failed; " + c.dropped() + " events dropped):");
        summary.getParent().layout();
        subscriptions.setInput(s.subscriptions());
        deliveries.setInput(s.deliveries());
        tokens.setInput(s.tokens());
    }

    private static String text(Text t) {
        return t.getText().trim();
    }

    private static List<String> list(Text t) {
        return Arrays.stream(t.getText().split(",")).map(String::trim).filter(v -> !v.isEmpty()).toList();
    }

    private void save() {
        String name = text(id);
        if (name.isEmpty()) {
            return;
        }
        String u = text(url);
        List<String> wanted = list(events).isEmpty() ? List.of("*") : list(events);
        String s = secret.getText().isEmpty() ? null : secret.getText();
        act("Save webhook " + name, c -> c.save(name, u, wanted, s));
        secret.setText("");
    }

    private void resend() {
        if (((IStructuredSelection) deliveries.getSelection()).getFirstElement() instanceof Delivery d) {
            act("Send delivery " + d.id() + " again", c -> c.resend(d.id()));
        }
    }

    private void makeToken() {
        String name = text(tokenName);
        List<String> wanted = list(scopes);
        Integer d = text(days).isEmpty() ? null : Integer.valueOf(text(days).replaceAll("\\D", "").isEmpty() ? "0"
                : text(days).replaceAll("\\D", ""));
        ServerWork.run(tokens.getControl(), "Make token " + name,
                () -> new IntegrationClient(server.client()).makeToken(name, wanted, d), value -> {
                    issued.setText(value);
                    shown.setText("Token " + name + " made: copy it now, it is not shown again");
                    shown.getParent().layout();
                    live.now();
                });
    }

    /** Runs a change on the server, then shows the view again. */
    private void act(String what, ClientChange change) {
        change(subscriptions.getControl(), shown, what, () -> change.run(new IntegrationClient(server.client())));
    }

    @FunctionalInterface
    private interface ClientChange {
        void run(IntegrationClient client) throws ManagementException;
    }
}
