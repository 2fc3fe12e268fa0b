package io.switchboard.integration.ui.internal;

import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Text;

import io.switchboard.console.ui.widgets.Widgets;

/** The labelled fields of these views' one-line forms: the console's hinted field, at a width of its own. */
final class Fields {

    private Fields() {
    }

    static Text text(Composite form, String label, String id, String hint, int width) {
        Text t = Widgets.hinted(form, label, id, hint);
        t.setLayoutData(new GridData(width, SWT.DEFAULT)); // a row of several: none takes the spare width
        return t;
    }
}
