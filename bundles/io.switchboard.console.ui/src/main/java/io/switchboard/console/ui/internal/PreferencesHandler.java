package io.switchboard.console.ui.internal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import org.eclipse.e4.core.di.annotations.Execute;
import org.eclipse.jface.preference.PreferenceDialog;
import org.eclipse.jface.preference.PreferenceManager;
import org.eclipse.jface.preference.PreferenceNode;
import org.eclipse.swt.widgets.Shell;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;

import io.switchboard.console.ui.PreferencePageContribution;

/**
 * Window, Preferences: the console's own page, then the pages areas and plugins contribute as
 * {@link PreferencePageContribution} services, by their labels.
 */
public class PreferencesHandler {

    @Execute
    public void execute(Shell shell) {
        PreferenceManager pages = new PreferenceManager();
        pages.addToRoot(new PreferenceNode("console", new ConsolePreferencePage()));
        BundleContext context = FrameworkUtil.getBundle(PreferencesHandler.class).getBundleContext();
        List<ServiceReference<PreferencePageContribution>> refs = new ArrayList<>();
        try {
            refs.addAll(context.getServiceReferences(PreferencePageContribution.class, null));
        } catch (InvalidSyntaxException e) {
            throw new IllegalStateException(e);
        }
        List<PreferencePageContribution> contributed = new ArrayList<>();
        for (ServiceReference<PreferencePageContribution> ref : refs) {
            PreferencePageContribution c = context.getService(ref);
            if (c != null) {
                contributed.add(c);
            }
        }
        contributed.sort(Comparator.comparing(PreferencePageContribution::label));
        for (PreferencePageContribution c : contributed) {
            pages.addToRoot(new PreferenceNode(c.label(), c.page()));
        }
        PreferenceDialog dialog = new PreferenceDialog(shell, pages) {
            @Override
            protected void configureShell(Shell newShell) {
                super.configureShell(newShell);
                newShell.setText("Preferences");
            }
        };
        try {
            dialog.open();
        } finally {
            refs.forEach(context::ungetService);
        }
    }
}
