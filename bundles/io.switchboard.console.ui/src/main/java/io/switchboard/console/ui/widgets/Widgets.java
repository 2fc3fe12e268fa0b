package io.switchboard.console.ui.widgets;

import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Widget;

/** Widget ids and the few widget factories every view needs alike. */
public final class Widgets {

    /** The data key under which a widget carries its id, for UI tests and accessibility tools. */
    public static final String ID = "io.switchboard.console.ui.widgetId";

    private Widgets() {
    }

    /** Gives the widget its id and returns it. */
    public static <W extends Widget> W id(W widget, String id) {
        widget.setData(ID, id);
        return widget;
    }

    /** A push button with an id that runs {@code action} when pressed. */
    public static Button button(Composite parent, String label, String id, Runnable action) {
        Button b = id(new Button(parent, SWT.PUSH), id);
        b.setText(label);
        b.addListener(SWT.Selection, e -> action.run());
        return b;
    }

    /**
     * Lays out a view's part as a column with a small margin and makes the row of buttons and fields
     * at its top, the width of the part.
     *
     * @param columns how many controls the row holds side by side
     */
    public static Composite toolbar(Composite parent, int columns) {
        GridLayoutFactory.fillDefaults().margins(4, 4).applyTo(parent);
        Composite bar = new Composite(parent, SWT.NONE);
        GridLayoutFactory.fillDefaults().numColumns(columns).applyTo(bar);
        fillWidth(bar);
        return bar;
    }

    /** Lays out a control to take the row's spare width. */
    public static void fillWidth(org.eclipse.swt.widgets.Control control) {
        GridDataFactory.fillDefaults().grab(true, false).applyTo(control);
    }
}
