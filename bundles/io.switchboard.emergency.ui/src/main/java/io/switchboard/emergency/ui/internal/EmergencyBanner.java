package io.switchboard.emergency.ui.internal;

import java.util.List;

import org.eclipse.e4.ui.model.application.ui.menu.MToolControl;
import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.Font;
import org.eclipse.swt.graphics.FontData;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Label;

import io.switchboard.console.ui.SelectedServer;
import io.switchboard.console.ui.widgets.ConsoleSettings;
import io.switchboard.console.ui.widgets.LiveRefresh;
import io.switchboard.emergency.ui.internal.EmergencyClient.Call;
import io.switchboard.console.ui.widgets.Widgets;
import jakarta.annotation.PostConstruct;
import jakarta.inject.Inject;

/**
 * The banner across the top of every console while an emergency call goes on: who called, the
 * callback number, from where (the address sent), when, and the call's live state. It is hidden
 * while there is none. Its own trim bar, contributed by this bundle's fragment: the shell knows
 * nothing of it.
 */
public class EmergencyBanner {

    @Inject
    SelectedServer server;

    @Inject
    MToolControl control;

    private Label banner;
    private Font bold;

    @PostConstruct
    public void createControls(Composite parent) {
        Composite box = new Composite(parent, SWT.NONE);
        GridLayoutFactory.fillDefaults().numColumns(2).margins(6, 3).applyTo(box);
        box.setBackground(parent.getDisplay().getSystemColor(SWT.COLOR_RED));
        banner = Widgets.id(new Label(box, SWT.NONE), "emergency.banner");
        banner.setBackground(box.getBackground());
        banner.setForeground(parent.getDisplay().getSystemColor(SWT.COLOR_WHITE));
        FontData[] data = banner.getFont().getFontData();
        for (FontData d : data) {
            d.setStyle(SWT.BOLD);
            d.setHeight(d.getHeight() + 1);
        }
        bold = new Font(parent.getDisplay(), data);
        banner.setFont(bold);
        banner.addDisposeListener(e -> bold.dispose());
        GridDataFactory.fillDefaults().grab(true, false).hint(1300, SWT.DEFAULT).applyTo(banner);
        // the refresh writes its status line; the banner has none to show, so it is a hidden label
        Label status = new Label(box, SWT.NONE);
        GridDataFactory.fillDefaults().exclude(true).applyTo(status);
        status.setVisible(false);
        LiveRefresh.of("emergency calls", status, server, () -> new EmergencyClient(server.client()).active(),
                List.<Call>of(), this::show);
    }

    private void show(List<Call> active) {
        // the whole trim bar comes and goes, so that no empty strip is left while all is quiet
        control.setVisible(!active.isEmpty());
        if (control.getParent() != null) {
            control.getParent().setVisible(!active.isEmpty());
        }
        banner.setText(text(active));
        banner.getParent().layout(true);
    }

    /** @return what the banner says of the calls going on */
    static String text(List<Call> active) {
        StringBuilder sb = new StringBuilder();
        for (Call c : active) {
            // the state first: on a narrow window the end of the address is what is cut
            sb.append(sb.isEmpty() ? "EMERGENCY CALL, " : "   |   ").append(c.state()).append(": ").append(c.user())
                    .append(" dialled ").append(c.dialled()).append(" at ").append(ConsoleSettings.time(c.started()))
                    .append(", callback ").append(c.callback()).append(", from ").append(c.address() != null
                            ? c.address() : "NO DISPATCHABLE LOCATION");
        }
        return sb.toString();
    }
}
