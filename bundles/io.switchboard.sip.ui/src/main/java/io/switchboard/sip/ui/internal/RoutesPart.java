package io.switchboard.sip.ui.internal;

import java.util.List;

import org.eclipse.jface.viewers.TableViewer;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Text;

import io.switchboard.console.ui.widgets.Columns;
import io.switchboard.console.ui.widgets.FieldForm;
import io.switchboard.mgmt.client.ManagementException;
import io.switchboard.mgmt.client.SipClient;
import io.switchboard.sip.api.provisioning.Route;

/** The outbound routes editor: pattern, digit manipulation, time window and the ordered trunks. */
public class RoutesPart extends RecordEditorPart<Route> {

    private Text name;
    private Text priority;
    private Text pattern;
    private Text strip;
    private Text prepend;
    private Text days;
    private Text timeFrom;
    private Text timeTo;
    private Text timeZone;
    private Text trunks;
    private Button enabled;

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
        Columns.add(v, "When", 130, (Route r) -> r.days() == null && r.timeFrom() == null ? "always"
                : orEmpty(r.days()) + " " + orEmpty(r.timeFrom()) + "–" + orEmpty(r.timeTo()));
        Columns.add(v, "Enabled", 60, (Route r) -> r.enabled() ? "yes" : "no");
    }

    @Override
    void fields(FieldForm f) {
        name = f.text("name", "Name:", "uk-mobile");
        priority = f.text("priority", "Priority:", "lower is tried first");
        pattern = f.text("pattern", "Pattern:", "+447[1-9]XXXXXXXX or +44.");
        strip = f.text("strip", "Strip digits:", "0");
        prepend = f.text("prepend", "Prepend:", "digits put in front after stripping");
        days = f.text("days", "Days:", "mon-fri (empty: every day)");
        timeFrom = f.text("timeFrom", "From:", "08:00");
        timeTo = f.text("timeTo", "To:", "18:00");
        timeZone = f.text("timeZone", "Time zone:", "Europe/London (empty: the server's)");
        trunks = f.text("trunks", "Trunks in order:", "carrier-a, carrier-b");
        enabled = f.check("enabled", "Enabled");
    }

    @Override
    void show(Route r) {
        name.setText(r == null ? "" : r.name());
        priority.setText(r == null ? "100" : Integer.toString(r.priority()));
        pattern.setText(r == null ? "" : orEmpty(r.pattern()));
        strip.setText(r == null ? "0" : Integer.toString(r.strip()));
        prepend.setText(r == null ? "" : orEmpty(r.prepend()));
        days.setText(r == null ? "" : orEmpty(r.days()));
        timeFrom.setText(r == null ? "" : orEmpty(r.timeFrom()));
        timeTo.setText(r == null ? "" : orEmpty(r.timeTo()));
        timeZone.setText(r == null ? "" : orEmpty(r.timeZone()));
        trunks.setText(r == null ? "" : joined(r.trunks()));
        enabled.setSelection(r == null || r.enabled());
    }

    @Override
    Route read() throws ManagementException {
        return new Route(name.getText().trim(), number(priority, "priority"), pattern.getText().trim(),
                number(strip, "strip"), blank(prepend), blank(days), blank(timeFrom), blank(timeTo), blank(timeZone),
                list(trunks), enabled.getSelection());
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
        return sip.routes();
    }

    @Override
    Route save(SipClient sip, Route route, boolean isNew) throws ManagementException {
        return sip.saveRoute(route);
    }

    @Override
    boolean delete(SipClient sip, Route route) throws ManagementException {
        return sip.deleteRoute(route.name());
    }
}
