package io.switchboard.console.ui.internal;

import java.time.ZoneId;
import java.util.TreeSet;

import org.eclipse.jface.dialogs.IDialogConstants;
import org.eclipse.jface.dialogs.TitleAreaDialog;
import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Spinner;
import org.osgi.service.prefs.BackingStoreException;

import io.switchboard.console.ui.widgets.ConsoleSettings;
import io.switchboard.console.ui.widgets.ErrorDialogs;
import io.switchboard.console.ui.widgets.Widgets;

/** The console's preferences: how often live views refresh, the zone times are shown in, the page size. */
final class PreferencesDialog extends TitleAreaDialog {

    private static final String MACHINE_ZONE = "(this machine's zone)";
    private Spinner refresh;
    private Combo zone;
    private Spinner pageSize;

    PreferencesDialog(Shell parent) {
        super(parent);
    }

    @Override
    public void create() {
        super.create();
        getShell().setText("Preferences");
        setTitle("Console preferences");
        setMessage("Times are always shown with their zone; choose which zone that is.");
    }

    @Override
    protected Control createDialogArea(Composite parent) {
        Composite area = (Composite) super.createDialogArea(parent);
        Composite c = Widgets.dialogForm(area);
        new Label(c, SWT.NONE).setText("Live views refresh every (seconds):");
        refresh = Widgets.id(new Spinner(c, SWT.BORDER), "preferences.refresh");
        refresh.setValues(ConsoleSettings.refreshSeconds(), 1, 3600, 0, 1, 10);
        new Label(c, SWT.NONE).setText("Show times in the zone:");
        zone = Widgets.id(new Combo(c, SWT.DROP_DOWN), "preferences.zone");
        zone.add(MACHINE_ZONE);
        new TreeSet<>(ZoneId.getAvailableZoneIds()).forEach(zone::add);
        String current = ConsoleSettings.preferences().get(ConsoleSettings.TIME_ZONE, "");
        zone.setText(current.isBlank() ? MACHINE_ZONE : current);
        zone.addModifyListener(e -> validate());
        GridDataFactory.fillDefaults().grab(true, false).applyTo(zone);
        new Label(c, SWT.NONE).setText("Rows per result page:");
        pageSize = Widgets.id(new Spinner(c, SWT.BORDER), "preferences.pageSize");
        pageSize.setValues(ConsoleSettings.pageSize(), 20, 1000, 0, 10, 100);
        return area;
    }

    private void validate() {
        String z = zone.getText().trim();
        boolean ok = z.isEmpty() || z.equals(MACHINE_ZONE) || ZoneId.getAvailableZoneIds().contains(z);
        setErrorMessage(ok ? null : "Unknown time zone '" + z + "': choose one from the list, e.g. Europe/Berlin or UTC");
        getButton(IDialogConstants.OK_ID).setEnabled(ok);
    }

    @Override
    protected void okPressed() {
        var prefs = ConsoleSettings.preferences();
        prefs.putInt(ConsoleSettings.REFRESH_SECONDS, refresh.getSelection());
        String z = zone.getText().trim();
        prefs.put(ConsoleSettings.TIME_ZONE, z.equals(MACHINE_ZONE) ? "" : z);
        prefs.putInt(ConsoleSettings.PAGE_SIZE, pageSize.getSelection());
        try {
            prefs.flush();
        } catch (BackingStoreException e) {
            ErrorDialogs.show(getShell(), "Cannot save the preferences", e);
            return;
        }
        super.okPressed();
    }
}
