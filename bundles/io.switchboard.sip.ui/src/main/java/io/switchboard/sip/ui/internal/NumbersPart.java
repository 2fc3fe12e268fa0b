package io.switchboard.sip.ui.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

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
import io.switchboard.sip.api.provisioning.PhoneNumber;

/** The number inventory: DIDs with their destination and emergency address, bulk CSV in and out. */
public class NumbersPart extends RecordEditorPart<PhoneNumber> {

    private Text number;
    private Text destination;
    private Text description;
    private Text emergencyAddress;
    private Text tags;

    public NumbersPart() {
        super("number", "numbers");
    }

    @Override
    String key(PhoneNumber n) {
        return n.number();
    }

    @Override
    String searchText(PhoneNumber n) {
        return n.number() + " " + orEmpty(n.destination()) + " " + orEmpty(n.description()) + " " + joined(n.tags());
    }

    @Override
    void columns(TableViewer v) {
        Columns.add(v, "Number", 130, (PhoneNumber n) -> n.number());
        Columns.add(v, "Destination", 120, (PhoneNumber n) -> n.destination());
        Columns.add(v, "Description", 160, (PhoneNumber n) -> n.description());
        Columns.add(v, "Emergency address", 120, (PhoneNumber n) -> n.emergencyAddress() == null ? "none" : "set");
        Columns.add(v, "Tags", 100, (PhoneNumber n) -> joined(n.tags()));
    }

    @Override
    void fields(FieldForm f) {
        number = f.text("number", "Number (E.164):", "+442071234567");
        destination = f.text("destination", "Destination user:", "alice");
        description = f.text("description", "Description:", "Reception");
        emergencyAddress = f.text("emergencyAddress", "Emergency address:", "street, city: sent with emergency calls");
        tags = f.text("tags", "Tags:", "comma-separated");
    }

    @Override
    void show(PhoneNumber n) {
        number.setText(n == null ? "" : n.number());
        destination.setText(n == null ? "" : orEmpty(n.destination()));
        description.setText(n == null ? "" : orEmpty(n.description()));
        emergencyAddress.setText(n == null ? "" : orEmpty(n.emergencyAddress()));
        tags.setText(n == null ? "" : joined(n.tags()));
    }

    @Override
    PhoneNumber read() {
        return new PhoneNumber(number.getText().trim(), destination.getText().trim(), description.getText().trim(),
                emergencyAddress.getText().trim().isEmpty() ? null : emergencyAddress.getText().trim(), list(tags));
    }

    @Override
    Text keyField() {
        return number;
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
        return server.sip();
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
        return sip.saveNumber(n);
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
