package io.switchboard.console.ui.internal;

import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.viewers.IStructuredSelection;
import org.eclipse.jface.viewers.TableViewer;
import org.eclipse.swt.SWT;
import org.eclipse.swt.custom.SashForm;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Text;

import io.switchboard.console.ui.widgets.Columns;
import io.switchboard.console.ui.widgets.ConsoleSettings;
import io.switchboard.console.ui.widgets.ErrorLog;
import io.switchboard.console.ui.widgets.ServerWork;
import io.switchboard.console.ui.widgets.Widgets;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;

/**
 * Window, Error Log: every error of this run of the console, newest first, what failed and why; the
 * selected one's detail (the server's text, the trace) below, to copy into a ticket.
 */
public class ErrorLogPart {

    private TableViewer table;
    private Text detail;
    private final Runnable changed = () -> {
        if (table != null) {
            ServerWork.onUi(table.getControl(), this::show);
        }
    };

    @PostConstruct
    public void createControls(Composite parent) {
        Composite bar = Widgets.toolbar(parent, 2);
        Widgets.button(bar, "Clear", "errors.clear", ErrorLog::clear);
        Label hint = new Label(bar, SWT.NONE);
        hint.setText("Errors of this run of the console, newest first.");
        Widgets.fillWidth(hint);
        SashForm sash = new SashForm(parent, SWT.VERTICAL);
        GridDataFactory.fillDefaults().grab(true, true).applyTo(sash);
        Composite top = new Composite(sash, SWT.NONE);
        top.setLayout(new GridLayout());
        table = Columns.viewer(top, "errors.table", SWT.SINGLE);
        Columns.add(table, "When", 190, (ErrorLog.Entry e) -> ConsoleSettings.time(e.time()));
        Columns.add(table, "What failed", 260, ErrorLog.Entry::headline);
        Columns.add(table, "Why", 420, ErrorLog.Entry::reason);
        detail = Widgets.id(new Text(sash, SWT.MULTI | SWT.READ_ONLY | SWT.V_SCROLL | SWT.H_SCROLL | SWT.BORDER),
                "errors.detail");
        sash.setWeights(60, 40);
        table.addSelectionChangedListener(e -> {
            ErrorLog.Entry entry = (ErrorLog.Entry) ((IStructuredSelection) table.getSelection()).getFirstElement();
            detail.setText(entry == null ? "" : entry.detail());
        });
        ErrorLog.listen(changed);
        show();
    }

    private void show() {
        table.setInput(ErrorLog.entries());
    }

    @PreDestroy
    void dispose() {
        ErrorLog.unlisten(changed);
    }
}
