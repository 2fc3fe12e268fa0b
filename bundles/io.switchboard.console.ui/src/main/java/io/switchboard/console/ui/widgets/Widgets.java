package io.switchboard.console.ui.widgets;

import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Text;
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

    /**
     * The body of a dialog's form: two columns, labels and their fields, in the dialog's area.
     *
     * @param area what {@code createDialogArea} got from its super class
     * @since 1.2
     */
    public static Composite dialogForm(Composite area) {
        Composite form = new Composite(area, SWT.NONE);
        GridDataFactory.fillDefaults().grab(true, true).applyTo(form);
        GridLayoutFactory.swtDefaults().numColumns(2).margins(10, 10).applyTo(form);
        return form;
    }

    /**
     * A labelled text field of a {@link #dialogForm}, filled in, that calls {@code changed} at each edit.
     *
     * @param style what the bordered text adds (SWT.PASSWORD, ...)
     * @since 1.2
     */
    public static Text field(Composite form, String label, String id, String value, int style, Runnable changed) {
        new Label(form, SWT.NONE).setText(label);
        Text text = id(new Text(form, SWT.BORDER | style), id);
        text.setText(value == null ? "" : value);
        GridDataFactory.fillDefaults().grab(true, false).hint(340, SWT.DEFAULT).applyTo(text);
        text.addModifyListener(e -> changed.run());
        return text;
    }

    /**
     * A labelled text field of a view's form that takes the row's spare width, empty, with a hint of
     * what it takes.
     *
     * @since 1.3
     */
    public static Text hinted(Composite form, String label, String id, String hint) {
        new Label(form, SWT.NONE).setText(label);
        Text text = id(new Text(form, SWT.BORDER), id);
        text.setMessage(hint);
        fillWidth(text);
        return text;
    }

    /** Lays out a control to take the row's spare width. */
    public static void fillWidth(Control control) {
        GridDataFactory.fillDefaults().grab(true, false).applyTo(control);
    }
}
