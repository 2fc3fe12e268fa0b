package io.switchboard.console.ui.internal;

import java.util.ArrayList;
import java.util.List;

import org.eclipse.swt.SWT;
import org.eclipse.swt.dnd.Clipboard;
import org.eclipse.swt.dnd.TextTransfer;
import org.eclipse.swt.dnd.Transfer;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Event;
import org.eclipse.swt.widgets.Listener;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.TableColumn;
import org.eclipse.swt.widgets.TableItem;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;

/**
 * Copy from any table of the console (Ctrl+C, or Edit, Copy): the selected rows, with the column
 * headers first, as tab-separated text that a spreadsheet or a ticket takes as it is. An addon of
 * the shell, so that every area's tables copy the same way without code of their own.
 */
public class TableCopy {

    private Display display;
    private final Listener keys = this::key;

    @PostConstruct
    void start(Display display) {
        this.display = display;
        display.addFilter(SWT.KeyDown, keys);
    }

    @PreDestroy
    void stop() {
        if (!display.isDisposed()) {
            display.removeFilter(SWT.KeyDown, keys);
        }
    }

    private void key(Event e) {
        if ((e.stateMask & SWT.MOD1) != 0 && (e.keyCode == 'c' || e.keyCode == SWT.INSERT)
                && e.widget instanceof Table table && table.getSelectionCount() > 0) {
            copy(table);
            e.doit = false;
        }
    }

    /** Puts the table's selected rows on the clipboard. @return the text put there */
    static String copy(Table table) {
        String text = text(table);
        Clipboard clipboard = new Clipboard(table.getDisplay());
        try {
            clipboard.setContents(new Object[] { text }, new Transfer[] { TextTransfer.getInstance() });
        } finally {
            clipboard.dispose();
        }
        return text;
    }

    /** The selected rows as tab-separated lines, the headers first when the table shows them. */
    static String text(Table table) {
        int columns = Math.max(1, table.getColumnCount());
        List<String> lines = new ArrayList<>();
        if (table.getHeaderVisible() && table.getColumnCount() > 0) {
            List<String> headers = new ArrayList<>();
            for (TableColumn c : table.getColumns()) {
                headers.add(clean(c.getText()));
            }
            lines.add(String.join("\t", headers));
        }
        for (TableItem item : table.getSelection()) {
            List<String> cells = new ArrayList<>();
            for (int i = 0; i < columns; i++) {
                cells.add(clean(item.getText(i)));
            }
            lines.add(String.join("\t", cells));
        }
        return String.join(System.lineSeparator(), lines) + System.lineSeparator();
    }

    /** A cell on one line: tabs and line breaks inside a cell would shift the columns. */
    private static String clean(String cell) {
        return cell.replace('\t', ' ').replace('\r', ' ').replace('\n', ' ');
    }
}
