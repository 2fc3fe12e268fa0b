package io.switchboard.cdr.ui.internal;

import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Label;

import io.switchboard.console.ui.widgets.Widgets;

/** The bar under the result table: which rows of the result it shows, and buttons to the others. */
final class Pager {

    private final ResultPages pages;
    private final Label rows;
    private final Button first;
    private final Button previous;
    private final Button next;
    private final Button last;

    Pager(Composite parent, ResultPages pages) {
        this.pages = pages;
        Composite bar = new Composite(parent, SWT.NONE);
        GridLayoutFactory.fillDefaults().numColumns(5).applyTo(bar);
        Widgets.fillWidth(bar);
        rows = Widgets.id(new Label(bar, SWT.NONE), "cdr.window");
        Widgets.fillWidth(rows);
        first = Widgets.button(bar, "|◀ First", "cdr.first", () -> pages.moveTo(0));
        previous = Widgets.button(bar, "◀ Previous", "cdr.previous",
                () -> pages.moveTo(pages.windowStart() - pages.windowRows()));
        next = Widgets.button(bar, "Next ▶", "cdr.next", () -> pages.moveTo(pages.windowStart() + pages.windowRows()));
        last = Widgets.button(bar, "Last ▶|", "cdr.last", () -> pages.moveTo(pages.lastWindowStart()));
        update();
    }

    /** Says where the window is and enables the ways out of it. */
    void update() {
        long total = pages.total();
        long from = pages.windowStart();
        long to = Math.min(total, from + pages.windowRows());
        rows.setText(total == 0 ? "" : String.format("Rows %,d–%,d of %,d", from + 1, to, total));
        boolean back = from > 0;
        boolean forward = to < total;
        first.setEnabled(back);
        previous.setEnabled(back);
        next.setEnabled(forward);
        last.setEnabled(forward);
        rows.getParent().layout();
    }
}
