package io.switchboard.sip.ui.internal;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Set;

import org.eclipse.jface.viewers.TableViewer;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.FileDialog;
import org.eclipse.swt.widgets.Text;

import io.switchboard.console.ui.widgets.Columns;
import io.switchboard.console.ui.widgets.ErrorDialogs;
import io.switchboard.console.ui.widgets.FieldForm;
import io.switchboard.console.ui.widgets.ServerWork;
import io.switchboard.console.ui.widgets.Widgets;
import io.switchboard.mgmt.client.ManagementException;
import io.switchboard.mgmt.client.SipClient;
import io.switchboard.mgmt.client.SipClient.ImportReport;
import io.switchboard.sip.api.provisioning.NumberLifecycle;
import io.switchboard.sip.api.provisioning.NumberState;
import io.switchboard.sip.api.provisioning.PhoneNumber;

/** The number inventory: DIDs with their destination and emergency address, bulk CSV in and out. */
public class NumbersPart extends RecordEditorPart<PhoneNumber> implements Versioned<PhoneNumber> {

    private Text number;
    private Text destination;
    private Text description;
    private Text emergencyAddress;
    private Text tags;
    private Text state;
    private Text carrier;
    private Text cost;
    private Text portDate;
    private Text releaseDate;
    /** The number the form shows: its version, and the fields the form has none for (its schedule), go back with it. */
    private PhoneNumber shown;
    private long shownVersion;

    public NumbersPart() {
        super("number", "numbers");
    }

    @Override
    String key(PhoneNumber n) {
        return n.number();
    }

    @Override
    String searchText(PhoneNumber n) {
        return n.number() + " " + orEmpty(n.destination()) + " " + orEmpty(n.description()) + " " + joined(n.tags())
                + " " + n.lifecycle().state().id() + " " + orEmpty(n.lifecycle().carrier());
    }

    @Override
    void columns(TableViewer v) {
        Columns.add(v, "Number", 130, (PhoneNumber n) -> n.number());
        Columns.add(v, "Destination", 100, (PhoneNumber n) -> n.destination());
        Columns.add(v, "State", 150, (PhoneNumber n) -> stateOf(n.lifecycle()));
        Columns.add(v, "Carrier", 90, (PhoneNumber n) -> orEmpty(n.lifecycle().carrier()));
        Columns.add(v, "Monthly cost", 90, (PhoneNumber n) -> n.lifecycle().monthlyCost() == null ? ""
                : n.lifecycle().monthlyCost().toPlainString());
        Columns.add(v, "Description", 140, (PhoneNumber n) -> n.description());
        Columns.add(v, "Emergency address", 120, (PhoneNumber n) -> n.emergencyAddress() == null ? "none" : "set");
        Columns.add(v, "Tags", 100, (PhoneNumber n) -> joined(n.tags()));
    }

    /** @return the state with the date it waits for: "porting-in on 2026-12-01", "quarantined until 2027-03-01" */
    static String stateOf(NumberLifecycle l) {
        return l.state().id() + (l.state() == NumberState.PORTING_IN && l.portDate() != null ? " on " + l.portDate()
                : l.state() == NumberState.QUARANTINED && l.releaseDate() != null ? " until " + l.releaseDate() : "");
    }

    @Override
    void fields(FieldForm f) {
        number = f.text("number", "Number (E.164):", "+442071234567");
        destination = f.text("destination", "Destination user:", "alice");
        description = f.text("description", "Description:", "Reception");
        emergencyAddress = f.text("emergencyAddress", "Emergency address:", "street, city: sent with emergency calls");
        tags = f.text("tags", "Tags:", "comma-separated");
        state = f.text("state", "State:", "reserved, ordered, active, porting-in, porting-out, quarantined, released");
        carrier = f.text("carrier", "Carrier:", "carrier-a");
        cost = f.text("monthlyCost", "Monthly cost:", "1.50");
        portDate = f.text("portDate", "Port-in date:", "2026-12-01 (porting-in)");
        releaseDate = f.text("releaseDate", "Release date:", "2027-03-01 (quarantined)");
    }

    @Override
    void show(PhoneNumber n) {
        shown = n;
        shownVersion = n == null ? 0 : n.version();
        number.setText(n == null ? "" : n.number());
        destination.setText(n == null ? "" : orEmpty(n.destination()));
        description.setText(n == null ? "" : orEmpty(n.description()));
        emergencyAddress.setText(n == null ? "" : orEmpty(n.emergencyAddress()));
        tags.setText(n == null ? "" : joined(n.tags()));
        NumberLifecycle l = n == null ? null : n.lifecycle();
        state.setText(l == null ? "" : l.state().id());
        carrier.setText(l == null ? "" : orEmpty(l.carrier()));
        cost.setText(l == null || l.monthlyCost() == null ? "" : l.monthlyCost().toPlainString());
        portDate.setText(l == null || l.portDate() == null ? "" : l.portDate().toString());
        releaseDate.setText(l == null || l.releaseDate() == null ? "" : l.releaseDate().toString());
    }

    @Override
    PhoneNumber read() throws ManagementException {
        try {
            return new PhoneNumber(number.getText().trim(), destination.getText().trim(), description.getText().trim(),
                    emergencyAddress.getText().trim().isEmpty() ? null : emergencyAddress.getText().trim(), list(tags),
                    shown == null ? null : shown.schedule(), shown == null ? null : shown.closedDestination(),
                    new NumberLifecycle(state.getText().isBlank() ? NumberState.ACTIVE
                            : NumberState.of(state.getText()), blank(carrier), blank(cost) == null ? null
                                    : new BigDecimal(blank(cost)), date(portDate), date(releaseDate)),
                    shownVersion);
        } catch (IllegalArgumentException invalid) {
            // a bad state, amount or date is named as the server names a bad field
            String why = invalid instanceof NumberFormatException ? "Invalid monthly cost '" + cost.getText()
                    + "': an amount such as 1.50" : invalid.getMessage();
            throw new ManagementException(why, 400, invalid);
        }
    }

    private static String blank(Text t) {
        return t.getText().isBlank() ? null : t.getText().trim();
    }

    /** @throws IllegalArgumentException naming the date that cannot be read */
    private static LocalDate date(Text t) {
        try {
            return blank(t) == null ? null : LocalDate.parse(blank(t));
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("Invalid date '" + t.getText() + "': 2026-12-01");
        }
    }

    @Override
    Text keyField() {
        return number;
    }

    @Override
    public void forgetVersion() {
        shownVersion = 0;
    }

    @Override
    public Record fields(PhoneNumber n) {
        return n;
    }

    @Override
    public PhoneNumber withFields(PhoneNumber n, Record fields) {
        return (PhoneNumber) fields;
    }

    @Override
    public Set<String> notMerged() {
        return Set.of("number", "version");
    }

    @Override
    void moreButtons(Composite bar) {
        Widgets.button(bar, "Import CSV…", "numbers.import", this::importCsv);
        Widgets.button(bar, "Export CSV…", "numbers.export", this::exportCsv);
    }

    private void importCsv() {
        FileDialog dialog = new FileDialog(shell, SWT.OPEN);
        dialog.setText("Import numbers from CSV");
        dialog.setFilterExtensions(new String[] { "*.csv", "*" });
        String file = dialog.open();
        if (file != null) {
            importFile(Path.of(file));
        }
    }

    /** Imports a CSV file: the good lines are saved, each bad one is listed with its line number. */
    public void importFile(Path file) {
        run("Importing numbers from " + file.getFileName(), () -> sip().importNumbers(readFile(file)), report -> {
            refresh();
            new ImportReportDialog(shell, file.getFileName().toString(), report).open();
        });
    }

    private void exportCsv() {
        FileDialog dialog = new FileDialog(shell, SWT.SAVE);
        dialog.setText("Export numbers to CSV");
        dialog.setFileName("numbers.csv");
        dialog.setOverwrite(true);
        String file = dialog.open();
        if (file != null) {
            ServerWork.run(table.getControl(), "Exporting numbers", () -> {
                String csv = sip().exportNumbers();
                try {
                    Files.writeString(Path.of(file), csv, StandardCharsets.UTF_8);
                } catch (IOException e) {
                    throw new ManagementException("Cannot write " + file + ": " + e.getMessage(), 0, e);
                }
                return csv.lines().count() - 1;
            }, count -> form.showMessage("Exported " + count + " numbers to " + file));
        }
    }

    private SipClient sip() throws ManagementException {
        return new SipClient(server.client());
    }

    private static String readFile(Path file) throws ManagementException {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ManagementException("Cannot read " + file + ": " + ErrorDialogs.reason(e), 0, e);
        }
    }

    @Override
    List<PhoneNumber> load(SipClient sip) throws ManagementException {
        return sip.numbers();
    }

    @Override
    PhoneNumber save(SipClient sip, PhoneNumber n, boolean isNew) throws ManagementException {
        return sip.saveNumber(n, isNew);
    }

    @Override
    boolean delete(SipClient sip, PhoneNumber n) throws ManagementException {
        return sip.deleteNumber(n.number());
    }

    /** @return "12 saved, 2 lines refused", the report in a line */
    static String summary(ImportReport report) {
        return report.saved() + " saved, " + report.errors().size() + " line" + (report.errors().size() == 1 ? "" : "s")
                + " refused";
    }
}
