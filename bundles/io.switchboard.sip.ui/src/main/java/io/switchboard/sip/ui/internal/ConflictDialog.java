package io.switchboard.sip.ui.internal;

import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

import org.eclipse.jface.dialogs.IDialogConstants;
import org.eclipse.jface.dialogs.IMessageProvider;
import org.eclipse.jface.dialogs.TitleAreaDialog;
import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.TableColumn;
import org.eclipse.swt.widgets.TableItem;

import io.switchboard.console.ui.widgets.Widgets;

/**
 * A save refused because another change of the record came first: the fields where the admin's form and the
 * server differ, side by side, with who changed each. A ticked field keeps the admin's value, the others take the
 * server's. Save merged, take theirs, or go on editing.
 */
final class ConflictDialog extends TitleAreaDialog {

    /** The return code of "Take theirs": the form shows the stored record, and nothing is saved. */
    static final int TAKE_THEIRS = IDialogConstants.CLIENT_ID + 1;

    private final String what;
    private final List<FieldMerge.Field> fields;
    private final Function<String, String> labels;
    private final Set<String> keepMine = new LinkedHashSet<>();
    private Table table;

    /**
     * @param what the record, as the admin calls it ("trunk 'carrier-a'")
     * @param labels a field's label in the form, by its name
     */
    ConflictDialog(Shell parent, String what, List<FieldMerge.Field> fields, Function<String, String> labels) {
        super(parent);
        this.what = what;
        this.fields = fields;
        this.labels = labels;
        setShellStyle(getShellStyle() | SWT.RESIZE);
    }

    @Override
    public void create() {
        super.create();
        getShell().setText("Changed meanwhile");
        setTitle("Someone changed " + what + " after you opened it");
        long both = fields.stream().filter(FieldMerge.Field::conflict).count();
        String message = "Ticked fields keep your value; the others take the server's.";
        if (both > 0) {
            setMessage(message + " " + both + (both == 1 ? " field was" : " fields were")
                    + " changed by both of you.", IMessageProvider.WARNING);
        } else {
            setMessage(message);
        }
    }

    @Override
    protected Control createDialogArea(Composite parent) {
        Composite area = (Composite) super.createDialogArea(parent);
        table = Widgets.id(new Table(area, SWT.CHECK | SWT.BORDER | SWT.FULL_SELECTION), "conflict.fields");
        table.setHeaderVisible(true);
        table.setLinesVisible(true);
        for (String[] column : new String[][] { { "Field", "170" }, { "Changed by", "100" },
                { "On the server now", "200" }, { "Yours", "200" } }) {
            TableColumn c = new TableColumn(table, SWT.LEFT);
            c.setText(column[0]);
            c.setWidth(Integer.parseInt(column[1]));
        }
        for (FieldMerge.Field f : fields) {
            TableItem item = new TableItem(table, SWT.NONE);
            item.setText(new String[] { labels.apply(f.name()), f.conflict() ? "both" : f.mineChanged() ? "you"
                    : "them", shown(f.theirs()), shown(f.mine()) });
            item.setData(f.name());
            item.setChecked(f.mineChanged());
        }
        GridDataFactory.fillDefaults().grab(true, true).hint(680, Math.min(360, 60 + 24 * fields.size()))
                .applyTo(table);
        return area;
    }

    @Override
    protected void createButtonsForButtonBar(Composite parent) {
        createButton(parent, IDialogConstants.OK_ID, "Save merged", true);
        createButton(parent, TAKE_THEIRS, "Take theirs", false);
        createButton(parent, IDialogConstants.CANCEL_ID, "Keep editing", false);
    }

    @Override
    protected void buttonPressed(int buttonId) {
        if (buttonId == IDialogConstants.OK_ID) {
            for (TableItem item : table.getItems()) {
                if (item.getChecked()) {
                    keepMine.add((String) item.getData());
                }
            }
        }
        if (buttonId == TAKE_THEIRS) {
            setReturnCode(TAKE_THEIRS);
            close();
            return;
        }
        super.buttonPressed(buttonId);
    }

    /** @return the fields whose value the admin keeps, once Save merged was pressed */
    Set<String> keepMine() {
        return keepMine;
    }

    private static String shown(Object value) {
        if (value == null || value instanceof String s && s.isBlank()) {
            return "(none)";
        }
        if (value instanceof Collection<?> c) {
            return c.isEmpty() ? "(none)" : String.join(", ", c.stream().map(String::valueOf).toList());
        }
        if (value instanceof Record r) {
            // a part of the record kept as one (a number's lifecycle): its fields that are set
            List<String> set = new ArrayList<>();
            for (RecordComponent c : r.getClass().getRecordComponents()) {
                Object v = FieldMerge.value(c, r);
                if (v != null) {
                    set.add(c.getName() + " " + shown(v));
                }
            }
            return String.join(", ", set);
        }
        return String.valueOf(value);
    }
}
