package io.switchboard.phone.ui.internal;

import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

import org.eclipse.e4.ui.di.UIEventTopic;
import org.eclipse.e4.ui.model.application.ui.basic.MPart;
import org.eclipse.e4.ui.workbench.modeling.EPartService;
import org.eclipse.e4.ui.workbench.modeling.EPartService.PartState;
import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.jface.window.Window;
import org.eclipse.swt.SWT;
import org.eclipse.swt.custom.SashForm;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Shell;
import org.osgi.service.event.Event;

import io.switchboard.console.ui.ConsoleEvents;
import io.switchboard.console.ui.SelectedServer;
import io.switchboard.console.ui.widgets.Widgets;
import io.switchboard.mgmt.client.ManagementClient;
import io.switchboard.mgmt.client.ManagementException;
import io.switchboard.phone.api.CallState;
import io.switchboard.phone.api.PhoneCall;
import io.switchboard.phone.api.PhoneException;
import io.switchboard.phone.ui.internal.PhoneAccounts.Settings;
import io.switchboard.phone.ui.internal.Phones.Line;
import jakarta.annotation.PostConstruct;
import jakarta.inject.Inject;

/**
 * The console's softphone on the selected server: its account and registration, a number field
 * and dial pad (digits go out as DTMF during a call), answer, hang up, hold and transfer, the calls
 * with their history, and the selected call's quality while it lasts.
 */
public class SoftphonePart {

    /** The statistics and talk times move once a second, as a phone's display does. */
    private static final int TICK_MS = 1000;

    @Inject
    SelectedServer server;
    @Inject
    Phones phones;
    @Inject
    Shell shell;
    @Inject
    EPartService partService;
    @Inject
    MPart part;

    private Label account;
    private Button register;
    private Label status;
    private IncomingBanner incoming;
    private Combo number;
    private Button answer;
    private Button hangup;
    private Button hold;
    private Button transfer;
    private AudioPicker audio;
    private AccountActions accounts;
    private CallsTable calls;
    private StatsTable stats;
    private RoomRoster roster;
    private ConversationPanel conversation;
    private String serverShown;

    @PostConstruct
    public void createControls(Composite parent) {
        Composite bar = Widgets.toolbar(parent, 3);
        account = Widgets.id(new Label(bar, SWT.NONE), "phone.account");
        Widgets.fillWidth(account);
        Widgets.button(bar, "Account…", "phone.setup", () -> accounts.setUp());
        register = Widgets.button(bar, "Register", "phone.register", () -> accounts.toggleRegistration());
        incoming = new IncomingBanner(parent, this::answer, call -> act(() -> call.reject(603)));
        status = Widgets.id(new Label(parent, SWT.NONE), "phone.status");
        Widgets.fillWidth(status);
        accounts = new AccountActions(server, phones, shell, status, this::refresh);

        SashForm sash = new SashForm(parent, SWT.HORIZONTAL);
        GridDataFactory.fillDefaults().grab(true, true).applyTo(sash);
        Composite left = new Composite(sash, SWT.NONE);
        GridLayoutFactory.fillDefaults().numColumns(2).margins(4, 4).applyTo(left);
        number = Widgets.id(new Combo(left, SWT.DROP_DOWN), "phone.number");
        number.setToolTipText("A number, a user of the server, or a SIP address");
        Widgets.fillWidth(number);
        number.addListener(SWT.DefaultSelection, e -> dial());
        Widgets.button(left, "Call", "phone.call", this::dial);
        Composite pad = DialPad.create(left, this::key);
        GridDataFactory.fillDefaults().span(2, 1).grab(true, false).applyTo(pad);
        Composite actions = new Composite(left, SWT.NONE);
        GridLayoutFactory.fillDefaults().numColumns(4).equalWidth(true).applyTo(actions);
        GridDataFactory.fillDefaults().span(2, 1).grab(true, false).applyTo(actions);
        answer = Widgets.button(actions, "Answer", "phone.answer", () -> answer(ringingOrCurrent()));
        hangup = Widgets.button(actions, "Hang Up", "phone.hangup", () -> onCurrent(PhoneCall::hangup));
        hold = Widgets.button(actions, "Hold", "phone.hold", this::toggleHold);
        transfer = Widgets.button(actions, "Transfer…", "phone.transfer", this::transfer);
        for (Button b : List.of(answer, hangup, hold, transfer)) {
            GridDataFactory.fillDefaults().grab(true, false).applyTo(b);
        }
        audio = new AudioPicker(left, phones);

        SashForm right = new SashForm(sash, SWT.VERTICAL);
        calls = new CallsTable(right);
        calls.viewer().addSelectionChangedListener(e -> showStats());
        calls.viewer().addDoubleClickListener(e -> redial());
        stats = new StatsTable(right);
        roster = new RoomRoster(right);
        conversation = new ConversationPanel(right, this::line, status);
        right.setWeights(30, 25, 20, 25);
        sash.setWeights(35, 65);
        showServer();
        tick();
    }

    @Inject
    @org.eclipse.e4.core.di.annotations.Optional
    void serverChanged(@UIEventTopic(SelectedServer.TOPIC) Object event) {
        if (account != null && !account.isDisposed()) {
            showServer();
        }
    }

    @Inject
    @org.eclipse.e4.core.di.annotations.Optional
    void phoneEvent(@UIEventTopic(Phones.TOPIC) Event event) {
        if (account == null || account.isDisposed()) {
            return;
        }
        if (Phones.INCOMING.equals(event.getTopic()) && event.getProperty(Phones.CALL) instanceof PhoneCall call) {
            String serverId = (String) event.getProperty(Phones.SERVER);
            String on = phones.line(serverId).map(l -> l.serverName).orElse("");
            incoming.show(call, serverId.equals(server.id().orElse(null)) ? null : on);
            status.setText("");
            PhoneCall selected = calls.selected();
            if (selected == null || selected.state() == CallState.ENDED) {
                calls.show(line().map(l -> l.phone.history()).orElse(List.of()));
                calls.select(call);
            }
            partService.showPart(part, PartState.VISIBLE);
            shell.getDisplay().beep();
        } else if (Phones.MESSAGE.equals(event.getTopic()) && event.getProperty(Phones.CHAT) instanceof Conversations.Chat chat
                && event.getProperty(Phones.SERVER).equals(server.id().orElse(null))) {
            conversation.arrived(chat);
            partService.showPart(part, PartState.VISIBLE);
        } else if (Phones.REGISTRATION.equals(event.getTopic()) && status.getText().startsWith("Registering")) {
            status.setText(""); // the account line says how it went
        }
        refresh();
    }

    /** Another view asks for a call ("Call back" on a call record). */
    @Inject
    @org.eclipse.e4.core.di.annotations.Optional
    void dialAsked(@UIEventTopic(ConsoleEvents.DIAL) String target) {
        if (number != null && !number.isDisposed() && target != null && !target.isBlank()) {
            number.setText(target);
            dial();
        }
    }

    /** Follows the navigator: shows that server's phone, registering it if it has an account. */
    private void showServer() {
        Optional<String> id = server.id();
        if (id.isPresent() && phones.line(id.get()).isEmpty()) {
            PhoneAccounts.load(id.get()).ifPresent(accounts::registerWith);
        }
        refresh();
    }

    private Optional<Line> line() {
        return phones.line(server.id().orElse(null));
    }

    private void dial() {
        Optional<Line> line = line();
        String target = number.getText().trim();
        if (line.isEmpty()) {
            status.setText("Set up the softphone's account on this server first (Account…).");
            return;
        }
        if (target.isEmpty()) {
            status.setText("Enter a number, a user or a SIP address to call.");
            return;
        }
        act(() -> {
            LevelMeter meter = audio.sink();
            PhoneCall call = line.get().phone.dial(target, audio.source(), meter);
            phones.meter(call, meter);
            if (number.indexOf(target) < 0) {
                number.add(target, 0);
            }
            calls.show(line.get().phone.history());
            calls.select(call);
        });
    }

    private void answer(PhoneCall call) {
        if (call == null || call.state() != CallState.INCOMING) {
            return;
        }
        act(() -> {
            // like a desk phone: the call the admin was in waits on hold
            line().ifPresent(l -> l.phone.calls().stream()
                    .filter(c -> c != call && c.state() == CallState.CONNECTED).forEach(PhoneCall::hold));
            LevelMeter meter = audio.sink();
            call.answer(audio.source(), meter);
            phones.meter(call, meter);
            incoming.hide();
            calls.show(line().map(l -> l.phone.history()).orElse(List.of()));
            calls.select(call);
        });
    }

    private void key(char digit) {
        PhoneCall call = current();
        if (call != null && call.state() == CallState.CONNECTED) {
            act(() -> call.sendDtmf(String.valueOf(digit)));
            status.setText("Sent " + digit + " as DTMF");
        } else {
            number.setText(number.getText() + digit);
        }
    }

    private void toggleHold() {
        onCurrent(call -> {
            if (call.state() == CallState.HELD) {
                call.resume();
            } else {
                call.hold();
            }
        });
    }

    private void onCurrent(Consumer<PhoneCall> action) {
        PhoneCall call = current();
        if (call == null) {
            status.setText("No call in progress.");
            refresh();
            return;
        }
        act(() -> action.accept(call));
    }

    private void transfer() {
        PhoneCall call = current();
        if (call == null) {
            return;
        }
        List<PhoneCall> others = line().map(l -> l.phone.calls()).orElse(List.of()).stream()
                .filter(c -> c != call && c.answered() != null).toList();
        TransferDialog dialog = new TransferDialog(shell, call, others);
        if (dialog.open() == Window.OK) {
            act(() -> {
                if (dialog.number() != null) {
                    call.transfer(dialog.number());
                } else {
                    call.transfer(dialog.otherCall());
                }
            });
        }
    }

    private void redial() {
        PhoneCall call = calls.selected();
        if (call != null && call.state() == CallState.ENDED) {
            number.setText(CallsTable.number(call));
            dial();
        }
    }

    /** Runs an action on the phone; what the engine refuses is said in the status line. */
    private void act(Runnable action) {
        try {
            action.run();
        } catch (PhoneException | IllegalArgumentException | IllegalStateException e) {
            status.setText(e.getMessage());
        }
        refresh();
    }

    /** @return the call the buttons act on: the selected one while it lasts, else the newest in progress */
    private PhoneCall current() {
        PhoneCall selected = calls.selected();
        if (selected != null && selected.state() != CallState.ENDED) {
            return selected;
        }
        return line().map(l -> l.phone.calls()).orElse(List.of()).stream().findFirst().orElse(null);
    }

    private PhoneCall ringingOrCurrent() {
        PhoneCall ringing = incoming.call();
        return ringing != null && ringing.state() == CallState.INCOMING ? ringing : current();
    }

    private void tick() {
        if (account.isDisposed()) {
            return;
        }
        refresh();
        account.getDisplay().timerExec(TICK_MS, this::tick);
    }

    /** The selected call's figures, or those of the call in progress. */
    private void showStats() {
        PhoneCall shown = calls.selected() != null ? calls.selected() : current();
        stats.show(shown, phones.meter(shown));
    }

    /** @return the selected server's API while the console is connected to it, else null */
    private ManagementClient api() {
        try {
            return server.connected() ? server.client() : null;
        } catch (ManagementException e) {
            return null;
        }
    }

    private void refresh() {
        if (account.isDisposed()) {
            return;
        }
        Optional<Line> line = line();
        String name = server.name().orElse(null);
        Optional<Settings> settings = PhoneAccounts.load(server.id().orElse(null));
        String accountText = name == null ? "Select a server in the Servers navigator."
                : settings.isEmpty() ? "No softphone account on " + name + ": press Account…"
                        : settings.get().address() + " on " + name + ": " + (server.lost() && line.isPresent()
                                // its registration outlives the server for a while: say what the admin can expect
                                ? "the server is not answering; calls wait until it answers again"
                                : line.map(l -> l.registration).orElse("Not registered"));
        String registerText = line.isPresent() ? "Unregister" : "Register";
        // laid out again only when a text changed: this runs every second
        boolean relayout = !accountText.equals(account.getText()) || !registerText.equals(register.getText());
        account.setText(accountText);
        register.setText(registerText);
        calls.show(line.map(l -> l.phone.history()).orElse(List.of()));
        showStats();
        if (serverShown == null || !serverShown.equals(server.id().orElse(null))) {
            serverShown = server.id().orElse(null);
            conversation.refresh(); // another server's phone: its conversations
        }
        PhoneCall call = current();
        roster.follow(call, api());
        CallState state = call == null ? CallState.ENDED : call.state();
        answer.setEnabled(ringingOrCurrent() != null && ringingOrCurrent().state() == CallState.INCOMING);
        hangup.setEnabled(call != null);
        hold.setEnabled(state == CallState.CONNECTED || state == CallState.HELD);
        hold.setText(state == CallState.HELD ? "Resume" : "Hold");
        transfer.setEnabled(state == CallState.CONNECTED || state == CallState.HELD);
        if (incoming.call() != null && incoming.call().state() != CallState.INCOMING) {
            incoming.hide();
        }
        if (relayout) {
            account.getParent().layout();
        }
    }
}
