package io.switchboard.phone.ui.internal;

import java.util.concurrent.CompletableFuture;

import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.TableColumn;
import org.eclipse.swt.widgets.TableItem;

import com.fasterxml.jackson.databind.JsonNode;

import io.switchboard.console.ui.widgets.Widgets;
import io.switchboard.mgmt.client.ManagementClient;
import io.switchboard.mgmt.client.ManagementException;
import io.switchboard.phone.api.CallState;
import io.switchboard.phone.api.PhoneCall;

/**
 * While the softphone's call is in a conference room of the server, who else is in it: each one's
 * name, and whether they talk, are muted or are shown on video, read from the API every 2 s.
 */
final class RoomRoster {

    private static final long EVERY_NANOS = 2_000_000_000L;

    private final Table table;
    private String room;
    private long fetched;
    private boolean asking;

    RoomRoster(Composite parent) {
        table = Widgets.id(new Table(parent, SWT.BORDER | SWT.FULL_SELECTION), "phone.roster");
        table.setHeaderVisible(true);
        table.setLinesVisible(true);
        for (String[] c : new String[][] { { "In the room", "230" }, { "", "70" }, { "", "60" }, { "", "90" } }) {
            TableColumn column = new TableColumn(table, SWT.NONE);
            column.setText(c[0]);
            column.setWidth(Integer.parseInt(c[1]));
        }
        GridDataFactory.fillDefaults().grab(true, true).applyTo(table);
    }

    /** Follows the call in progress: its room's roster while it is connected to one, else nothing. */
    void follow(PhoneCall call, ManagementClient api) {
        String target = call != null && call.state() == CallState.CONNECTED && call.outgoing() ? user(call.remote())
                : null;
        if (target == null || api == null) {
            room = null;
            show(null);
            return;
        }
        if (!target.equals(room)) {
            room = target;
            fetched = 0;
        }
        if (asking || System.nanoTime() - fetched < EVERY_NANOS) {
            return;
        }
        asking = true;
        fetched = System.nanoTime();
        String asked = target;
        CompletableFuture.supplyAsync(() -> {
            try {
                return api.get("conference/rooms/" + asked + "/participants");
            } catch (ManagementException e) {
                return null; // not a room (404), or the server is away: no roster
            }
        }).thenAccept(roster -> table.getDisplay().asyncExec(() -> {
            asking = false;
            if (!table.isDisposed() && asked.equals(room)) {
                show(roster);
            }
        }));
    }

    private void show(JsonNode roster) {
        int rows = roster == null ? 0 : roster.size();
        table.getColumn(0).setText(roster == null ? "In the room" : "In room " + room + " (" + rows + ")");
        table.setItemCount(rows);
        for (int i = 0; i < rows; i++) {
            JsonNode p = roster.get(i);
            String name = p.path("callerName").isTextual() ? p.path("callerName").asText() + " ("
                    + p.path("caller").asText() + ")" : p.path("caller").asText();
            TableItem item = table.getItem(i);
            item.setText(0, name);
            item.setText(1, p.path("talking").asBoolean() ? "talking" : "");
            item.setText(2, p.path("muted").asBoolean() ? "muted" : "");
            item.setText(3, p.path("video").path("shown").asBoolean() ? "on video" : "");
        }
    }

    /** @return the user part of a SIP address (7001 of sip:7001@switch), or null */
    static String user(String uri) {
        if (uri == null) {
            return null;
        }
        String s = uri.replaceFirst("^.*<", "").replaceFirst("^sips?:", "");
        int at = s.indexOf('@');
        return at > 0 && s.substring(0, at).matches("[A-Za-z0-9+._-]+") ? s.substring(0, at) : null;
    }
}
