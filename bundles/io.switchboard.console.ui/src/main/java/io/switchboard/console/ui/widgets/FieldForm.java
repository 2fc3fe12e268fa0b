package io.switchboard.console.ui.widgets;

import java.util.LinkedHashMap;
import java.util.Map;

import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Text;

import io.switchboard.mgmt.client.ManagementException;

/**
 * A form of labelled fields, each with room for the server's error beside it. Any edit by the
 * admin calls the change callback (the editor's dirty flag); filling the form in code does not.
 * Widgets get the ids {@code <prefix>.<field>} and {@code <prefix>.<field>.error}.
 */
public final class FieldForm {

    private final Composite body;
    private final String prefix;
    private final Runnable changed;
    private final Label message;
    private final Map<String, Label> errors = new LinkedHashMap<>();
    private final Map<String, String> labels = new LinkedHashMap<>();
    private boolean loading;

    public FieldForm(Composite parent, String prefix, Runnable changed) {
        this.prefix = prefix;
        this.changed = changed;
        body = new Composite(parent, SWT.NONE);
        GridLayoutFactory.fillDefaults().numColumns(3).spacing(8, 4).margins(4, 4).applyTo(body);
        message = Widgets.id(new Label(body, SWT.WRAP), prefix + ".message");
        message.setForeground(body.getDisplay().getSystemColor(SWT.COLOR_DARK_RED));
        GridDataFactory.fillDefaults().span(3, 1).grab(true, false).applyTo(message);
    }

    public Composite control() {
        return body;
    }

    /**
     * @return the label the admin reads beside a field ("Display name"), or the field's own name when the form has
     *         no such field
     * @since 1.6
     */
    public String label(String field) {
        String label = labels.get(field);
        return label == null ? field : label.endsWith(":") ? label.substring(0, label.length() - 1) : label;
    }

    public Text text(String field, String label, String hint) {
        return text(field, label, hint, SWT.NONE);
    }

    /** A write-only field: it starts empty and its content is sent, never shown back. */
    public Text password(String field, String label, String hint) {
        return text(field, label, hint, SWT.PASSWORD);
    }

    private Text text(String field, String label, String hint, int style) {
        new Label(body, SWT.NONE).setText(label);
        labels.put(field, label);
        Text t = Widgets.id(new Text(body, SWT.BORDER | style), prefix + "." + field);
        t.setMessage(hint == null ? "" : hint);
        GridDataFactory.fillDefaults().grab(true, false).hint(260, SWT.DEFAULT).applyTo(t);
        t.addModifyListener(e -> edited());
        error(field);
        return t;
    }

    public Button check(String field, String label) {
        new Label(body, SWT.NONE);
        Button b = Widgets.id(new Button(body, SWT.CHECK), prefix + "." + field);
        b.setText(label);
        labels.put(field, label);
        b.addListener(SWT.Selection, e -> edited());
        error(field);
        return b;
    }

    public Combo choice(String field, String label, String... items) {
        new Label(body, SWT.NONE).setText(label);
        labels.put(field, label);
        Combo c = Widgets.id(new Combo(body, SWT.DROP_DOWN | SWT.READ_ONLY), prefix + "." + field);
        c.setItems(items);
        c.addListener(SWT.Selection, e -> edited());
        error(field);
        return c;
    }

    private void error(String field) {
        Label l = Widgets.id(new Label(body, SWT.WRAP), prefix + "." + field + ".error");
        l.setForeground(body.getDisplay().getSystemColor(SWT.COLOR_RED));
        GridDataFactory.fillDefaults().grab(false, false).hint(280, SWT.DEFAULT).applyTo(l);
        errors.put(field, l);
    }

    /** Fills the form in code: no change callback fires, and old errors go. */
    public void load(Runnable fill) {
        loading = true;
        try {
            fill.run();
            clearErrors();
        } finally {
            loading = false;
        }
    }

    private void edited() {
        if (!loading) {
            changed.run();
        }
    }

    public void clearErrors() {
        errors.values().forEach(l -> l.setText(""));
        message.setText("");
        body.layout(true, true);
    }

    /**
     * Shows a refusal where it belongs: beside the field the server names, else above the form.
     *
     * @return the field it was shown beside, or null
     */
    public String showError(ManagementException e) {
        clearErrors();
        Label beside = e.field() == null ? null : errors.get(e.field());
        if (beside != null) {
            beside.setText(e.serverMessage());
        } else {
            message.setText(e.serverMessage() != null ? e.serverMessage() : ErrorDialogs.reason(e));
        }
        body.layout(true, true);
        return beside == null ? null : e.field();
    }

    /** Shows a message of the console's own above the form (for a check made before sending). */
    public void showMessage(String text) {
        clearErrors();
        message.setText(text);
        body.layout(true, true);
    }
}
