package io.switchboard.console.ui;

import org.eclipse.jface.preference.IPreferencePage;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * A page an area or a plugin adds to Window, Preferences, beside the console's own: register it as
 * an OSGi service (with Declarative Services, {@code @Component(service = PreferencePageContribution.class)}).
 * The pages are listed by their labels after the console's page; each keeps its values where it
 * likes (the console's own in the instance preferences of its bundle).
 *
 * @since 2.1
 */
@ConsumerType
public interface PreferencePageContribution {

    /** @return the page's name in the dialog's tree ("Call Records") */
    String label();

    /** @return a new page for this opening of the dialog, which disposes of it */
    IPreferencePage page();
}
