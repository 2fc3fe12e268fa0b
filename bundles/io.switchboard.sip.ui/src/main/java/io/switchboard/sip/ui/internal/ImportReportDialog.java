package io.switchboard.sip.ui.internal;

import org.eclipse.jface.dialogs.IDialogConstants;
import org.eclipse.jface.dialogs.TitleAreaDialog;
import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.viewers.TableViewer;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Shell;

import io.switchboard.console.ui.widgets.Columns;
import io.switchboard.mgmt.client.SipClient.ImportReport;
import io.switchboard.mgmt.client.SipClient.LineError;

/** What a CSV import did: how many lines were saved, and each refused line with its number and why. */
final class ImportReportDialog extends TitleAreaDialog {

    private final String file;
    private final ImportReport report;

    ImportReportDialog(Shell parent, String file, ImportReport report) {
        super(parent);
        this.file = file;
        this.report = report;
        setShellStyle(getShellStyle() | SWT.RESIZE);
    }

    @Override
    public void create() {
        super.create();
        getShell().setText("Import of " + file);
        setTitle(NumbersPart.summary(report));
        if (report.errors().isEmpty()) {
            setMessage("Every line was saved.");
        } else {
            setErrorMessage("The lines below were not saved; the others were. Fix them and import the file again.");
        }
    }

    @Override
    protected Control createDialogArea(Composite parent) {
        Composite area = (Composite) super.createDialogArea(parent);
        TableViewer errors = Columns.viewer(area, "numbers.import.errors", SWT.SINGLE);
        Columns.add(errors, "Line", 60, (LineError e) -> Long.toString(e.line()));
        Columns.add(errors, "Why it was refused", 480, (LineError e) -> e.error());
        errors.setInput(report.errors());
        GridDataFactory.fillDefaults().grab(true, true).hint(560, 220).applyTo(errors.getTable());
        return area;
    }

    @Override
    protected void createButtonsForButtonBar(Composite parent) {
        createButton(parent, IDialogConstants.OK_ID, IDialogConstants.CLOSE_LABEL, true);
    }
}
