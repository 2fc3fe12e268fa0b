package io.switchboard.phone.ui.internal;

import java.util.List;

import org.eclipse.jface.dialogs.IDialogConstants;
import org.eclipse.jface.dialogs.TitleAreaDialog;
import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Text;

import io.switchboard.console.ui.widgets.Widgets;
import io.switchboard.phone.api.PhoneCall;

/**
 * Where a call goes: blind to a number (REFER), or, attended, to the far end of another call of
 * the softphone (REFER with Replaces), as a desk phone's transfer key offers.
 */
final class TransferDialog extends TitleAreaDialog {

    private final PhoneCall call;
    private final List<PhoneCall> others;
    private Button blind;
    private Text number;
    private Combo other;
    private String resultNumber;
    private PhoneCall resultCall;

    /** @param others the softphone's other calls in progress, for an attended transfer */
    TransferDialog(Shell parent, PhoneCall call, List<PhoneCall> others) {
        super(parent);
        this.call = call;
        this.others = others;
    }

    @Override
    public void create() {
        super.create();
        getShell().setText("Transfer");
        setTitle("Transfer " + CallsTable.number(call));
        setMessage("Blind: the caller is sent to a number. Attended: the caller joins the party of your other call.");
        validate();
    }

    @Override
    protected Control createDialogArea(Composite parent) {
        Composite area = (Composite) super.createDialogArea(parent);
        Composite c = Widgets.dialogForm(area);
        blind = Widgets.id(new Button(c, SWT.RADIO), "phone.transfer.blind");
        blind.setText("To the number:");
        blind.setSelection(true);
        number = Widgets.id(new Text(c, SWT.BORDER), "phone.transfer.number");
        GridDataFactory.fillDefaults().grab(true, false).hint(260, SWT.DEFAULT).applyTo(number);
        Button attended = Widgets.id(new Button(c, SWT.RADIO), "phone.transfer.attended");
        attended.setText("To the call with:");
        other = Widgets.id(new Combo(c, SWT.READ_ONLY), "phone.transfer.call");
        GridDataFactory.fillDefaults().grab(true, false).applyTo(other);
        for (PhoneCall o : others) {
            other.add(CallsTable.number(o) + " (" + CallsTable.state(o) + ")");
        }
        if (others.isEmpty()) {
            attended.setEnabled(false);
            other.setEnabled(false);
        } else {
            other.select(0);
        }
        number.addModifyListener(e -> validate());
        blind.addListener(SWT.Selection, e -> validate());
        attended.addListener(SWT.Selection, e -> validate());
        return area;
    }

    private void validate() {
        if (number == null || getButton(IDialogConstants.OK_ID) == null) {
            return;
        }
        String error = blind.getSelection() && number.getText().isBlank() ? "Enter the number to transfer to." : null;
        setErrorMessage(error);
        getButton(IDialogConstants.OK_ID).setEnabled(error == null);
    }

    @Override
    protected void okPressed() {
        if (blind.getSelection()) {
            resultNumber = number.getText().trim();
        } else {
            resultCall = others.get(other.getSelectionIndex());
        }
        super.okPressed();
    }

    /** @return the number of a blind transfer, else null */
    String number() {
        return resultNumber;
    }

    /** @return the other call of an attended transfer, else null */
    PhoneCall otherCall() {
        return resultCall;
    }
}
