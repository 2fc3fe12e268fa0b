package io.switchboard.phone.ui.internal;

import java.util.function.Consumer;

import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.Color;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Label;

import io.switchboard.console.ui.widgets.Widgets;
import io.switchboard.phone.api.PhoneCall;

/** The notice of a call ringing in, across the top of the softphone, with Answer and Decline. */
final class IncomingBanner {

    private final Composite banner;
    private final Label text;
    private PhoneCall call;

    IncomingBanner(Composite parent, Consumer<PhoneCall> answer, Consumer<PhoneCall> decline) {
        banner = Widgets.id(new Composite(parent, SWT.BORDER), "phone.incoming");
        // a light amber of its own: GTK themes' "info" colours range from pale yellow to black
        banner.setBackground(new Color(255, 236, 179));
        GridLayoutFactory.fillDefaults().numColumns(3).margins(6, 4).applyTo(banner);
        text = Widgets.id(new Label(banner, SWT.NONE), "phone.incoming.text");
        text.setBackground(banner.getBackground());
        text.setForeground(parent.getDisplay().getSystemColor(SWT.COLOR_BLACK));
        Widgets.fillWidth(text);
        Widgets.button(banner, "Answer", "phone.incoming.answer", () -> answer.accept(call));
        Widgets.button(banner, "Decline", "phone.incoming.decline", () -> decline.accept(call));
        GridDataFactory.fillDefaults().grab(true, false).exclude(true).applyTo(banner);
        banner.setVisible(false);
    }

    /** @param server the server it rings on when that is not the one the navigator shows, else null */
    void show(PhoneCall ringing, String server) {
        call = ringing;
        String who = ringing.remoteName() != null ? ringing.remoteName() + " (" + CallsTable.number(ringing) + ")"
                : CallsTable.number(ringing);
        text.setText("Incoming call from " + who + (server == null ? "" : " on " + server));
        setVisible(true);
    }

    void hide() {
        call = null;
        setVisible(false);
    }

    /** @return the call ringing in, or null */
    PhoneCall call() {
        return call;
    }

    private void setVisible(boolean visible) {
        ((GridData) banner.getLayoutData()).exclude = !visible;
        banner.setVisible(visible);
        banner.getParent().layout(true, true);
    }
}
