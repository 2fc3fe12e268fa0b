package io.switchboard.console.ui;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * A part that can load its data again. The shell's View, Refresh command (F5) calls it on the
 * active part; area bundles implement it in their parts.
 */
@ConsumerType
public interface Refreshable {

    /** Loads the part's data again, in the background; called on the UI thread. */
    void refresh();
}
