package io.switchboard.console.ui;

import org.eclipse.e4.ui.model.application.ui.basic.MPart;

import io.switchboard.mgmt.client.ManagementClient;

/**
 * What an editor opened from the Servers navigator edits: the object and the server it lives on.
 * The editor keeps to that server even when the admin selects another one.
 *
 * @param serverName the server's name as the admin gave it
 * @param client the server's management API client
 * @param object the object, as the area listed it
 * @since 2.2
 */
public record EditorInput(String serverName, ManagementClient client, NavigatorObject object) {

    /** The key of the input in the editor part's transient data. */
    public static final String KEY = "io.switchboard.console.ui.EditorInput";

    /** The tag every editor opened from the navigator carries. */
    public static final String EDITOR_TAG = "io.switchboard.console.ui.editor";

    /**
     * @param part the editor's part ({@code @Inject MPart part})
     * @return its input, or null when the part was not opened from the navigator
     */
    public static EditorInput of(MPart part) {
        return part.getTransientData().get(KEY) instanceof EditorInput input ? input : null;
    }
}
