package io.switchboard.phone.ui.internal;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.TableColumn;
import org.eclipse.swt.widgets.TableItem;
import org.eclipse.swt.widgets.Text;

import io.switchboard.console.ui.widgets.Widgets;
import io.switchboard.phone.ui.internal.Conversations.Chat;
import io.switchboard.phone.ui.internal.Phones.Line;

/**
 * The softphone's text messages: a conversation with one user or number at a time, what was
 * written both ways with when and how it went, and a line to write the next one.
 */
final class ConversationPanel {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss")
            .withZone(ZoneId.systemDefault());

    private final Supplier<Optional<Line>> line;
    private final Label status;
    private final Combo peer;
    private final Table table;
    private final Text text;

    /**
     * @param line the phone of the server the navigator shows, if it has one
     * @param status where refusals are said
     */
    ConversationPanel(Composite parent, Supplier<Optional<Line>> line, Label status) {
        this.line = line;
        this.status = status;
        Composite panel = new Composite(parent, SWT.NONE);
        GridLayoutFactory.fillDefaults().numColumns(3).margins(2, 2).applyTo(panel);
        new Label(panel, SWT.NONE).setText("Messages with");
        peer = Widgets.id(new Combo(panel, SWT.DROP_DOWN), "phone.chat.peer");
        peer.setToolTipText("A user of the server or a number; empty shows every conversation");
        GridDataFactory.fillDefaults().span(2, 1).grab(true, false).applyTo(peer);
        peer.addListener(SWT.Modify, e -> refresh());
        table = Widgets.id(new Table(panel, SWT.BORDER | SWT.FULL_SELECTION), "phone.chat.messages");
        table.setHeaderVisible(true);
        table.setLinesVisible(true);
        String[] titles = { "Time", "From", "Message", "State" };
        int[] widths = { 70, 90, 300, 200 };
        for (int i = 0; i < titles.length; i++) {
            TableColumn c = new TableColumn(table, SWT.NONE);
            c.setText(titles[i]);
            c.setWidth(widths[i]);
        }
        GridDataFactory.fillDefaults().span(3, 1).grab(true, true).applyTo(table);
        text = Widgets.id(new Text(panel, SWT.BORDER), "phone.chat.text");
        text.setMessage("Write a message");
        GridDataFactory.fillDefaults().span(2, 1).grab(true, false).applyTo(text);
        text.addListener(SWT.DefaultSelection, e -> send());
        Widgets.button(panel, "Send", "phone.chat.send", this::send);
    }

    /** Shows a message that arrived; opens its conversation when none is open. */
    void arrived(Chat chat) {
        if (peer.getText().isBlank()) {
            peer.setText(chat.peer());
        }
        status.setText("Message from " + chat.peer());
        refresh();
    }

    void refresh() {
        if (table.isDisposed()) {
            return;
        }
        Optional<Line> l = line.get();
        List<Chat> chats = l.map(x -> x.chat.with(peer.getText())).orElse(List.of());
        table.setRedraw(false);
        table.removeAll();
        for (Chat c : chats) {
            new TableItem(table, SWT.NONE).setText(new String[] { TIME.format(c.at()),
                    c.outgoing() ? "me" : c.peer(), c.text(), c.outgoing() ? c.state() : "" });
        }
        table.setRedraw(true);
        if (!chats.isEmpty()) {
            table.showItem(table.getItem(chats.size() - 1));
        }
        List<String> peers = l.map(x -> x.chat.peers()).orElse(List.of());
        if (!List.of(peer.getItems()).equals(peers)) {
            String typed = peer.getText();
            peer.setItems(peers.toArray(String[]::new));
            peer.setText(typed);
        }
    }

    private void send() {
        Optional<Line> l = line.get();
        String to = peer.getText().trim();
        String message = text.getText().trim();
        if (l.isEmpty()) {
            status.setText("Set up the softphone's account on this server first (Account…).");
            return;
        }
        if (to.isEmpty() || message.isEmpty()) {
            status.setText("Choose who to write to, and write something.");
            return;
        }
        Conversations chat = l.get().chat;
        Chat sent = chat.sending(to, message);
        text.setText("");
        refresh();
        try {
            l.get().phone.send(to, message).whenComplete((code, failure) -> table.getDisplay().asyncExec(() -> {
                chat.answered(sent, failure == null ? code : 408);
                refresh();
            }));
        } catch (RuntimeException e) {
            chat.answered(sent, 400);
            status.setText(e.getMessage());
            refresh();
        }
    }
}
