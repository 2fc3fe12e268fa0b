package io.switchboard.console.ui.internal;

import io.switchboard.console.ui.NavigatorContribution;
import io.switchboard.console.ui.NavigatorObject;

/** What the Servers navigator shows below a server. */
sealed interface NavigatorNode {

    ServerConnection server();

    /** An area's node under a server ("Users"). */
    record Area(ServerConnection server, NavigatorContribution area) implements NavigatorNode {
    }

    /** One object of an area ("alice"). */
    record Item(Area parent, NavigatorObject object) implements NavigatorNode {
        @Override
        public ServerConnection server() {
            return parent.server();
        }
    }

    /** A line that says the objects are loading, or why they could not be. */
    record Note(Area parent, String text) implements NavigatorNode {
        @Override
        public ServerConnection server() {
            return parent.server();
        }
    }
}
