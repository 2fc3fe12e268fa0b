package io.switchboard.console.ui.internal;

import java.time.ZoneId;
import java.util.TreeSet;

import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.preference.PreferencePage;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Spinner;
import org.osgi.service.prefs.BackingStoreException;

import io.switchboard.console.ui.widgets.ConsoleSettings;
import io.switchboard.console.ui.widgets.ErrorDialogs;
import io.switchboard.console.ui.widgets.Widgets;

/** The console's own preferences: how often live views refresh and the zone times are shown in. */
final class ConsolePreferencePage extends PreferencePage {

    private static final String MACHINE_ZONE = "(this machine's zone)";
    private Spinner refresh;
    private Combo zone;

    ConsolePreferencePage() {
        super("Console");
        setDescription("Times are always shown with their zone; choose which zone that is.");
        noDefaultAndApplyButton();
    }

    @Override
    protected Control createContents(Composite parent) {
        Composite c = Widgets.dialogForm(parent);
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
        return c;
    }

    private void validate() {
        String z = zone.getText().trim();
        boolean ok = z.isEmpty() || z.equals(MACHINE_ZONE) || ZoneId.getAvailableZoneIds().contains(z);
        setErrorMessage(ok ? null : "Unknown time zone '" + z + "': choose one from the list, e.g. Europe/Berlin or UTC");
        setValid(ok);
    }

    @Override
    public boolean performOk() {
        if (refresh == null) {
            return true; // never shown: nothing changed
        }
        var prefs = ConsoleSettings.preferences();
        prefs.putInt(ConsoleSettings.REFRESH_SECONDS, refresh.getSelection());
        String z = zone.getText().trim();
        prefs.put(ConsoleSettings.TIME_ZONE, z.equals(MACHINE_ZONE) ? "" : z);
        try {
            prefs.flush();
        } catch (BackingStoreException e) {
            ErrorDialogs.show(getShell(), "Cannot save the preferences", e);
            return false;
        }
        return true;
    }
}
