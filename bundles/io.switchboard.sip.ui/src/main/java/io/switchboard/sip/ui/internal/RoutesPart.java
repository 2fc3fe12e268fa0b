package io.switchboard.sip.ui.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.eclipse.jface.viewers.TableViewer;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Text;

import io.switchboard.console.ui.widgets.Columns;
import io.switchboard.console.ui.widgets.FieldForm;
import io.switchboard.mgmt.client.ManagementException;
import io.switchboard.mgmt.client.SipClient;
import io.switchboard.mgmt.client.RoutesClient;
import io.switchboard.mgmt.client.RoutesClient.RouteView;
import io.switchboard.sip.api.provisioning.Route;

/** The outbound routes editor: pattern, digit manipulation, time window and the ordered trunks. */
public class RoutesPart extends RecordEditorPart<Route> {

    private Text name;
    private Text priority;
    private Text pattern;
    private Text strip;
    private Text prepend;
    private Text schedule;
    private Text trunks;
    private Button enabled;
    /** The route the form was made from: what the form has no fields for is kept from it. */
    private Route shown;
    /**
     * Each route as last read, with its tag: a save is made against the tag of the very route the form showed,
     * and a route no longer as read (theirs came meanwhile) has none, so its save is refused, never applied.
     */
    private volatile Map<Route, String> tags = Map.of();
    private static final String NOT_AS_READ = "\"not-as-read\"";
    private volatile String shownTag;

    public RoutesPart() {
        super("route", "routes");
    }

    @Override
    String key(Route r) {
        return r.name();
    }

    @Override
    String searchText(Route r) {
        return r.name() + " " + r.pattern() + " " + String.join(" ", r.trunks());
    }

    @Override
    void columns(TableViewer v) {
        Columns.add(v, "Name", 110, (Route r) -> r.name());
        Columns.add(v, "Priority", 60, (Route r) -> Integer.toString(r.priority()));
        Columns.add(v, "Pattern", 110, (Route r) -> r.pattern());
        Columns.add(v, "Trunks", 150, (Route r) -> String.join(" → ", r.trunks()));
        Columns.add(v, "When", 130, (Route r) -> r.schedule() == null ? "always" : "schedule " + r.schedule());
        Columns.add(v, "Enabled", 60, (Route r) -> r.enabled() ? "yes" : "no");
    }

    @Override
    void fields(FieldForm f) {
        name = f.text("name", "Name:", "uk-mobile");
        priority = f.text("priority", "Priority:", "lower is tried first");
        pattern = f.text("pattern", "Pattern:", "+447[1-9]XXXXXXXX or +44.");
        strip = f.text("strip", "Strip digits:", "0");
        prepend = f.text("prepend", "Prepend:", "digits put in front after stripping");
        // a route's hours are a schedule's (Schedules view): the route names it, or is always open
        schedule = f.text("schedule", "Schedule:", "office-hours: open in its hours only (empty: always)");
        trunks = f.text("trunks", "Trunks in order:", "carrier-a, carrier-b");
        enabled = f.check("enabled", "Enabled");
    }

    @Override
    void show(Route r) {
        shown = r;
        shownTag = r == null ? null : tags.getOrDefault(r, NOT_AS_READ);
        name.setText(r == null ? "" : r.name());
        priority.setText(r == null ? "100" : Integer.toString(r.priority()));
        pattern.setText(r == null ? "" : orEmpty(r.pattern()));
        strip.setText(r == null ? "0" : Integer.toString(r.strip()));
        prepend.setText(r == null ? "" : orEmpty(r.prepend()));
        schedule.setText(r == null ? "" : orEmpty(r.schedule()));
        trunks.setText(r == null ? "" : joined(r.trunks()));
        enabled.setSelection(r == null || r.enabled());
    }

    @Override
    Route read() throws ManagementException {
        return new Route(name.getText().trim(), number(priority, "priority"), pattern.getText().trim(),
                number(strip, "strip"), blank(prepend), null, null, null, null, list(trunks), enabled.getSelection(),
                shown == null ? null : shown.rawDialClass(), blank(schedule));
    }

    private static String blank(Text t) {
        String v = t.getText().trim();
        return v.isEmpty() ? null : v;
    }

    @Override
    Text keyField() {
        return name;
    }

    @Override
    List<Route> load(SipClient sip) throws ManagementException {
        Map<Route, String> read = new HashMap<>();
        List<Route> routes = new ArrayList<>();
        for (RouteView v : new RoutesClient(sip.api()).routes()) {
            read.put(v.route(), v.etag());
            routes.add(v.route());
        }
        tags = read;
        return routes;
    }

    @Override
    Route save(SipClient sip, Route route, boolean isNew) throws ManagementException {
        RouteView saved = new RoutesClient(sip.api()).save(route, isNew ? null : shownTag, isNew);
        Map<Route, String> now = new HashMap<>(tags);
        now.put(saved.route(), saved.etag()); // the form goes on from what was saved, against its new tag
        tags = now;
        return saved.route();
    }

    @Override
    boolean delete(SipClient sip, Route route) throws ManagementException {
        return sip.deleteRoute(route.name());
    }
}
