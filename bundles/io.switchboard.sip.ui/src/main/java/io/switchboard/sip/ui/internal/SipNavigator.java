package io.switchboard.sip.ui.internal;

import java.util.List;

import org.osgi.service.component.annotations.Component;

import io.switchboard.console.ui.NavigatorContribution;
import io.switchboard.console.ui.NavigatorObject;
import io.switchboard.mgmt.client.ManagementClient;
import io.switchboard.mgmt.client.ManagementException;
import io.switchboard.mgmt.client.SipClient;

/**
 * Users in the Servers navigator, and below it each user, who opens in a {@link UserEditor}. (The
 * softswitch's other views are there through the {@code navigator} tag of their parts.)
 */
@Component(service = NavigatorContribution.class)
public class SipNavigator implements NavigatorContribution {

    @Override
    public String label() {
        return "Users";
    }

    @Override
    public int rank() {
        return 10;
    }

    @Override
    public String viewId() {
        return "io.switchboard.sip.ui.part.users";
    }

    @Override
    public String editorURI() {
        return "bundleclass://io.switchboard.sip.ui/" + UserEditor.class.getName();
    }

    @Override
    public List<NavigatorObject> objects(ManagementClient client) throws ManagementException {
        return new SipClient(client).userViews().stream().map(u -> new NavigatorObject(
                u.displayName() == null || u.displayName().isBlank() ? u.username()
                        : u.username() + " (" + u.displayName() + ")", u.username())).toList();
    }
}
