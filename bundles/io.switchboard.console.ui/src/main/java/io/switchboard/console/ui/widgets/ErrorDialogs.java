package io.switchboard.console.ui.widgets;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Arrays;

import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.MultiStatus;
import org.eclipse.core.runtime.Status;
import org.eclipse.jface.dialogs.ErrorDialog;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Shell;

import io.switchboard.mgmt.client.ManagementException;

/**
 * Errors as an admin reads them: a headline saying what failed, the reason in a sentence, and the
 * technical details (the server's own text, the exception and its trace) behind the Details button.
 */
public final class ErrorDialogs {

    private static final String PLUGIN = "io.switchboard.console.ui";

    private ErrorDialogs() {
    }

    /** Shows the error in a dialog, and keeps it in the {@link ErrorLog}. */
    public static void show(Shell shell, String headline, Throwable error) {
        ErrorLog.add(headline, error);
        ErrorDialog.openError(shell, headline, reason(error), details(error));
    }

    /** @return the error's own message, or its kind when it has none */
    public static String reason(Throwable error) {
        String m = error.getMessage();
        return m == null || m.isBlank() ? error.getClass().getSimpleName() : m;
    }

    /**
     * Says a refusal beside the form it concerns, in dark red, rather than in a dialog: the admin
     * reads it where the field was typed ("Not saved: timeZone: 'Mars/Base' is no zone ...").
     *
     * @param what how the sentence starts ("Not saved: ")
     * @since 1.3
     */
    public static void beside(Label label, String what,
            ManagementException e) {
        label.setText(what + (e.serverMessage() != null ? e.serverMessage() : reason(e)));
        label.setToolTipText(label.getText());
        label.setForeground(label.getDisplay().getSystemColor(SWT.COLOR_DARK_RED));
        label.getParent().layout();
    }

    static MultiStatus details(Throwable error) {
        StringWriter trace = new StringWriter();
        error.printStackTrace(new PrintWriter(trace));
        IStatus[] lines = Arrays.stream(trace.toString().split("\\R")).filter(l -> !l.isBlank())
                .map(l -> new Status(IStatus.ERROR, PLUGIN, l.replace("\t", "    "))).toArray(IStatus[]::new);
        return new MultiStatus(PLUGIN, 0, lines, reason(error), null);
    }
}
