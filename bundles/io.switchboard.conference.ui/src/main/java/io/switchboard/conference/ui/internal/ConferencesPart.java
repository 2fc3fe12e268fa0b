package io.switchboard.conference.ui.internal;

import java.util.List;

import org.eclipse.jface.viewers.IStructuredSelection;
import org.eclipse.jface.viewers.TableViewer;
import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Spinner;
import org.eclipse.swt.widgets.Text;

import io.switchboard.conference.ui.internal.ConferenceClient.Participant;
import io.switchboard.conference.ui.internal.ConferenceClient.Room;
import io.switchboard.conference.ui.internal.ConferenceClient.Session;
import io.switchboard.conference.ui.internal.ConferenceClient.Snapshot;
import io.switchboard.console.ui.widgets.ConsoleSettings;
import io.switchboard.console.ui.SelectedServer;
import io.switchboard.console.ui.widgets.Columns;
import io.switchboard.console.ui.widgets.LiveRefresh;
import io.switchboard.console.ui.widgets.LiveViewPart;
import io.switchboard.console.ui.widgets.ServerWork;
import io.switchboard.console.ui.widgets.Widgets;
import jakarta.annotation.PostConstruct;
import jakarta.inject.Inject;

/**
 * Conference rooms on the selected server and who is in the one selected, live: who talks, who is
 * muted, who moderates. A form makes or changes a room (PINs are set, never shown: blank keeps the
 * PIN, "-" removes it); actions lock it, mute or remove a participant, call someone in. The room's
 * latest conference is summed up under the form.
 */
public class ConferencesPart extends LiveViewPart {

    @Inject
    SelectedServer server;

    private TableViewer rooms;
    private TableViewer roster;
    private Text number;
    private Text name;
    private Text pin;
    private Text moderatorPin;
    private Spinner max;
    private Button waitForModerator;
    private Button tones;
    private Button record;
    private Label shown;
    private Text invitee;
    private Label last;
    private volatile String selected = "";
    private List<Room> lastRooms = List.of();

    @PostConstruct
    public void createControls(Composite parent) {
        Composite bar = Widgets.toolbar(parent, 7);
        new Label(bar, SWT.NONE).setText("Room:");
        number = Widgets.id(new Text(bar, SWT.BORDER), "conference.number");
        number.setMessage("7001");
        number.setLayoutData(new GridData(80, SWT.DEFAULT));
        new Label(bar, SWT.NONE).setText("Name:");
        name = Widgets.id(new Text(bar, SWT.BORDER), "conference.name");
        name.setMessage("Sales weekly");
        name.setLayoutData(new GridData(180, SWT.DEFAULT));
        new Label(bar, SWT.NONE).setText("At most:");
        max = Widgets.id(new Spinner(bar, SWT.BORDER), "conference.max");
        max.setValues(0, 0, 500, 0, 1, 10);
        max.setToolTipText("0: the server's limit");
        Label status = Widgets.id(new Label(bar, SWT.NONE), "conference.status");
        Composite form = Widgets.toolbar(parent, 4);
        pin = Widgets.hinted(form, "PIN:", "conference.pin", "blank: as it is; -: none");
        moderatorPin = Widgets.hinted(form, "Moderator PIN:", "conference.moderatorPin", "blank: as it is; -: none");
        Composite flags = Widgets.toolbar(parent, 3);
        waitForModerator = Widgets.id(new Button(flags, SWT.CHECK), "conference.wait");
        waitForModerator.setText("Wait for the moderator");
        tones = Widgets.id(new Button(flags, SWT.CHECK), "conference.tones");
        tones.setText("Tones when people join or leave");
        tones.setSelection(true);
        record = Widgets.id(new Button(flags, SWT.CHECK), "conference.record");
        record.setText("Record the room");
        record.setToolTipText("Each session's mix is kept as a WAV file on the server: tell the participants");
        Composite actions = Widgets.toolbar(parent, 9);
        Widgets.button(actions, "Save", "conference.save", this::save);
        Widgets.button(actions, "Delete", "conference.delete", this::delete);
        Widgets.button(actions, "Lock / unlock", "conference.lock", this::lock);
        Widgets.button(actions, "Mute / unmute", "conference.mute", this::mute);
        Widgets.button(actions, "Remove", "conference.remove", this::remove);
        invitee = Widgets.id(new Text(actions, SWT.BORDER), "conference.invitee");
        invitee.setMessage("user or number");
        invitee.setLayoutData(new GridData(140, SWT.DEFAULT));
        Widgets.button(actions, "Call in", "conference.invite", this::invite);
        shown = Widgets.id(new Label(actions, SWT.NONE), "conference.shown");
        Widgets.fillWidth(shown);
        last = Widgets.id(new Label(parent, SWT.NONE), "conference.last");
        Widgets.fillWidth(last);
        rooms = Columns.viewer(parent, "conference.rooms", SWT.SINGLE);
        Columns.add(rooms, "Room", 80, (Room r) -> r.number());
        Columns.add(rooms, "Name", 200, (Room r) -> r.name() == null ? "" : r.name());
        Columns.add(rooms, "In it", 60, (Room r) -> Integer.toString(r.size()));
        Columns.add(rooms, "PINs", 160, (Room r) -> (r.pinSet() ? "participant" : "none")
                + (r.moderatorPinSet() ? ", moderator" : ""));
        Columns.add(rooms, "Settings", 320, (Room r) -> (r.locked() ? "LOCKED, " : "") + (r.maxParticipants() > 0
                ? "at most " + r.maxParticipants() + ", " : "") + (r.waitForModerator() ? "waits for the moderator, "
                        : "") + (r.tones() ? "tones" : "no tones") + (r.record() ? ", recorded" : ""));
        rooms.addSelectionChangedListener(e -> {
            Room r = (Room) ((IStructuredSelection) e.getSelection()).getFirstElement();
            if (r != null) {
                fill(r);
            }
        });
        roster = Columns.viewer(parent, "conference.roster", SWT.SINGLE);
        Columns.add(roster, "Caller", 160, (Participant p) -> p.callerName() == null ? p.caller()
                : p.callerName() + " (" + p.caller() + ")");
        Columns.add(roster, "Joined", 170, (Participant p) -> p.joined() != null ? ConsoleSettings.time(p.joined())
                : p.invited() ? "called by the room" : "typing the PIN");
        Columns.add(roster, "Talking", 70, (Participant p) -> p.talking() ? "talking" : "");
        Columns.add(roster, "Muted", 70, (Participant p) -> p.muted() ? "muted" : "");
        Columns.add(roster, "Role", 100, (Participant p) -> p.moderator() ? "moderator" : "participant");
        Columns.add(roster, "Audio", 110, (Participant p) -> p.sampleRate() == 8000 ? "narrowband"
                : "wideband (" + p.sampleRate() / 1000 + " kHz)");
        Columns.add(roster, "MOS", 60, (Participant p) -> p.mos() == null ? "" : String.format("%.2f", p.mos()));
        Columns.add(roster, "Video", 150, (Participant p) -> p.video() == null ? "" : p.video().shown()
                ? "shown to the room" : "sees the talker");
        live = LiveRefresh.of("conferences", status, server, () -> new ConferenceClient(server.client())
                .snapshot(selected), new Snapshot(List.of(), List.of(), null), this::show);
    }

    private void show(Snapshot s) {
        lastRooms = s.rooms();
        rooms.setInput(s.rooms());
        roster.setInput(s.roster());
        Session c = s.last();
        last.setText(c == null ? "" : "Latest conference: from " + ConsoleSettings.time(c.started())
                + (c.ended() == null ? ", going on" : " to " + ConsoleSettings.time(c.ended())) + "; "
                + c.participants() + (c.participants() == 1 ? " participant" : " participants") + ", at most "
                + c.peak() + " at once");
    }

    private void fill(Room r) {
        selected = r.number();
        number.setText(r.number());
        name.setText(r.name() == null ? "" : r.name());
        pin.setText("");
        moderatorPin.setText("");
        max.setSelection(r.maxParticipants());
        waitForModerator.setSelection(r.waitForModerator());
        tones.setSelection(r.tones());
        record.setSelection(r.record());
        shown.setText("Room " + r.number() + (r.locked() ? " (locked)" : "") + ": " + r.size() + " in it");
        shown.getParent().layout();
        live.now();
    }

    private void save() {
        String n = number.getText().trim();
        if (n.isEmpty()) {
            return;
        }
        String nm = name.getText();
        String p = pin.getText();
        String mp = moderatorPin.getText();
        int at = max.getSelection();
        boolean wait = waitForModerator.getSelection();
        boolean t = tones.getSelection();
        boolean rec = record.getSelection();
        selected = n;
        ServerWork.run(rooms.getControl(), "Save room " + n, () -> {
            new ConferenceClient(server.client()).save(n, nm, p, mp, at, wait, t, rec);
            return n;
        }, saved -> {
            shown.setText("Room " + saved + " saved");
            shown.getParent().layout();
            live.now();
        });
    }

    private void delete() {
        String n = number.getText().trim();
        if (!n.isEmpty()) {
            act("Delete room " + n, () -> new ConferenceClient(server.client()).delete(n));
        }
    }

    private void lock() {
        Room r = lastRooms.stream().filter(x -> x.number().equals(selected)).findFirst().orElse(null);
        if (r != null) {
            act((r.locked() ? "Unlock" : "Lock") + " room " + r.number(),
                    () -> new ConferenceClient(server.client()).lock(r.number(), !r.locked()));
        }
    }

    private void mute() {
        Participant p = participant();
        if (p != null) {
            act((p.muted() ? "Unmute " : "Mute ") + p.caller(),
                    () -> new ConferenceClient(server.client()).mute(p.callId(), !p.muted()));
        }
    }

    private void remove() {
        Participant p = participant();
        if (p != null) {
            act("Remove " + p.caller(), () -> new ConferenceClient(server.client()).remove(p.callId()));
        }
    }

    private void invite() {
        String target = invitee.getText().trim();
        Room r = lastRooms.stream().filter(x -> x.number().equals(selected)).findFirst().orElse(null);
        if (r != null && !target.isEmpty()) {
            act("Room " + r.number() + " calls " + target, () -> new ConferenceClient(server.client())
                    .invite(r.number(), target));
        }
    }

    private Participant participant() {
        return (Participant) ((IStructuredSelection) roster.getSelection()).getFirstElement();
    }

    /** Runs a change on the server, then shows the view again. */
    private void act(String what, Change change) {
        change(rooms.getControl(), shown, what, change);
    }
}
