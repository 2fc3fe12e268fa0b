package com.acme.switchboard.sipaddress;

import java.net.URI;

import org.eclipse.e4.core.di.annotations.CanExecute;
import org.eclipse.e4.core.di.annotations.Execute;
import org.eclipse.e4.core.di.annotations.Optional;
import org.eclipse.e4.ui.services.IServiceConstants;
import org.eclipse.swt.dnd.Clipboard;
import org.eclipse.swt.dnd.TextTransfer;
import org.eclipse.swt.dnd.Transfer;
import org.eclipse.swt.widgets.Display;

import io.switchboard.console.ui.SelectedServer;
import io.switchboard.mgmt.client.SipClient.UserView;
import jakarta.inject.Named;

/**
 * Acme's action in the Users editor's context menu: puts the selected user's SIP address
 * ({@code sip:alice@pbx.example.com}, the host of the server the console talks to) on the
 * clipboard, for a phone's setup or a ticket. Enabled when a user is selected.
 */
public class CopySipAddressHandler {

    @CanExecute
    public boolean canExecute(@Optional @Named(IServiceConstants.ACTIVE_SELECTION) Object selection) {
        return selection instanceof UserView;
    }

    @Execute
    public void execute(@Named(IServiceConstants.ACTIVE_SELECTION) UserView user, SelectedServer server,
            Display display) {
        String host = server.url().map(u -> URI.create(u).getHost()).orElse("localhost");
        Clipboard clipboard = new Clipboard(display);
        try {
            clipboard.setContents(new Object[] { "sip:" + user.username() + "@" + host },
                    new Transfer[] { TextTransfer.getInstance() });
        } finally {
            clipboard.dispose();
        }
    }
}
