package io.switchboard.console.ui;

import java.util.List;

import org.osgi.annotation.versioning.ConsumerType;

import io.switchboard.mgmt.client.ManagementClient;
import io.switchboard.mgmt.client.ManagementException;

/**
 * A node an area or a plugin adds under each connected server in the Servers navigator ("Users",
 * "Call Records"): register it as an OSGi service (with Declarative Services,
 * {@code @Component(service = NavigatorContribution.class)}). Double-clicking the node shows its
 * view; a node with objects lists them below it, and double-clicking one opens its editor, one
 * editor per object and server, which gets what it edits from {@link EditorInput#of}.
 *
 * @since 2.2
 */
@ConsumerType
public interface NavigatorContribution {

    /** @return the node's label ("Users") */
    String label();

    /** @return where the node goes among the others: lower first, then by label */
    default int rank() {
        return 100;
    }

    /** @return the id of the part the node shows ("io.switchboard.sip.ui.part.users"), or null for none */
    String viewId();

    /**
     * @return the contribution URI of the editor of one object
     *         ({@code "bundleclass://<bundle>/<class>"}), or null when the node lists no objects
     */
    default String editorURI() {
        return null;
    }

    /**
     * The objects below the node, read from a server; called in a background job, never on the UI
     * thread, and only when {@link #editorURI()} names an editor.
     *
     * @param client the management API of the server the node is under
     */
    default List<NavigatorObject> objects(ManagementClient client) throws ManagementException {
        return List.of();
    }
}
