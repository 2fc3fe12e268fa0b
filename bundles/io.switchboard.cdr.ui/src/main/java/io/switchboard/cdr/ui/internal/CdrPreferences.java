package io.switchboard.cdr.ui.internal;

import org.eclipse.jface.preference.IPreferencePage;
import org.eclipse.jface.preference.PreferencePage;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Spinner;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.prefs.BackingStoreException;

import io.switchboard.console.ui.PreferencePageContribution;
import io.switchboard.console.ui.widgets.ConsoleSettings;
import io.switchboard.console.ui.widgets.ErrorDialogs;
import io.switchboard.console.ui.widgets.Widgets;

/** The call records' page of Window, Preferences: how many rows a result page holds. */
@Component(service = PreferencePageContribution.class)
public class CdrPreferences implements PreferencePageContribution {

    @Override
    public String label() {
        return "Call Records";
    }

    @Override
    public IPreferencePage page() {
        return new Page();
    }

    private static final class Page extends PreferencePage {

        private Spinner pageSize;

        Page() {
            super("Call Records");
            setDescription("The call records' search shows its results a page at a time.");
            noDefaultAndApplyButton();
        }

        @Override
        protected Control createContents(Composite parent) {
            Composite c = Widgets.dialogForm(parent);
            new Label(c, SWT.NONE).setText("Rows per result page:");
            pageSize = Widgets.id(new Spinner(c, SWT.BORDER), "preferences.pageSize");
            pageSize.setValues(ConsoleSettings.pageSize(), 20, 1000, 0, 10, 100);
            return c;
        }

        @Override
        public boolean performOk() {
            if (pageSize == null) {
                return true;
            }
            var prefs = ConsoleSettings.preferences();
            prefs.putInt(ConsoleSettings.PAGE_SIZE, pageSize.getSelection());
            try {
                prefs.flush();
            } catch (BackingStoreException e) {
                ErrorDialogs.show(getShell(), "Cannot save the preferences", e);
                return false;
            }
            return true;
        }
    }
}
