package io.switchboard.cdr.ui.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.resource.JFaceResources;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.swt.SWT;
import org.eclipse.swt.custom.SashForm;
import org.eclipse.swt.custom.ScrolledComposite;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.FileDialog;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Text;

import io.switchboard.console.ui.widgets.ErrorDialogs;
import io.switchboard.console.ui.widgets.ServerWork;
import io.switchboard.console.ui.widgets.Widgets;
import io.switchboard.mgmt.client.CallLadder;
import io.switchboard.mgmt.client.CdrClient;

/**
 * A record's SIP ladder tab: the sequence diagram, the selected message's whole text under it, and
 * exports as text and as a capture for Wireshark.
 */
public final class LadderView {

    private final Composite body;
    private final Label summary;
    private final LadderDiagram diagram;
    private final ScrolledComposite scroll;
    private final Text message;
    private final Button exportText;
    private final Button exportPcap;
    private final CdrClient cdr;
    private final String recordId;
    private CallLadder ladder;

    LadderView(Composite parent, CdrClient cdr, String recordId) {
        body = new Composite(parent, SWT.NONE);
        GridLayoutFactory.fillDefaults().margins(4, 4).applyTo(body);
        Composite bar = new Composite(body, SWT.NONE);
        GridLayoutFactory.fillDefaults().numColumns(3).applyTo(bar);
        Widgets.fillWidth(bar);
        summary = Widgets.id(new Label(bar, SWT.NONE), "ladder.summary");
        summary.setText("Reading the ladder…");
        Widgets.fillWidth(summary);
        this.cdr = cdr;
        this.recordId = recordId;
        exportText = Widgets.button(bar, "Export Text…", "ladder.exportText", () -> save(false));
        exportPcap = Widgets.button(bar, "Export PCAP…", "ladder.exportPcap", () -> save(true));
        exportText.setEnabled(false);
        exportPcap.setEnabled(false);
        SashForm sash = new SashForm(body, SWT.VERTICAL);
        GridDataFactory.fillDefaults().grab(true, true).applyTo(sash);
        scroll = new ScrolledComposite(sash, SWT.H_SCROLL | SWT.V_SCROLL | SWT.BORDER);
        diagram = new LadderDiagram(scroll, this::showMessage);
        scroll.setContent(diagram.control());
        scroll.setExpandHorizontal(true);
        scroll.setExpandVertical(true);
        message = Widgets.id(new Text(sash, SWT.MULTI | SWT.READ_ONLY | SWT.BORDER | SWT.V_SCROLL | SWT.H_SCROLL),
                "ladder.message");
        message.setFont(JFaceResources.getTextFont());
        sash.setWeights(62, 38);
    }

    Composite control() {
        return body;
    }

    public LadderDiagram diagram() {
        return diagram;
    }

    /** Says why the ladder could not be read. */
    void failed(String reason) {
        summary.setText("The SIP ladder cannot be read: " + reason);
    }

    /** Shows the ladder, or says why there is none. */
    void show(Optional<CallLadder> kept) {
        if (kept.isEmpty()) {
            summary.setText("No SIP ladder is kept for this call: it was imported, made before ladders were kept, "
                    + "or past the records' retention.");
            return;
        }
        ladder = kept.get();
        diagram.show(ladder);
        scroll.setMinSize(diagram.size());
        long legs = ladder.messages().stream().filter(m -> "B".equals(m.leg())).map(CallLadder.Message::peer)
                .distinct().count();
        summary.setText(ladder.messages().size() + " SIP messages, caller and switch and " + legs + " address"
                + (legs == 1 ? "" : "es") + " of leg B" + (ladder.dropped() > 0 ? "; " + ladder.dropped()
                        + " more past the ladder's bound, not kept" : "") + ". Click an arrow for its message.");
        exportText.setEnabled(true);
        exportPcap.setEnabled(true);
        diagram.select(0);
    }

    private void showMessage(int index) {
        CallLadder.Message m = ladder.messages().get(index);
        String which = (m.incoming() ? "Received from " : "Sent to ") + LadderDiagram.peer(m);
        message.setText(which + " at " + m.time() + " (leg " + m.leg() + ")\n\n" + m.message().replace("\r\n", "\n"));
    }

    /** The ladder as text: each message under a line saying when, which leg, which way and the other end. */
    static String text(CallLadder ladder) {
        StringBuilder out = new StringBuilder();
        for (CallLadder.Message m : ladder.messages()) {
            out.append("=== ").append(m.time()).append("  leg ").append(m.leg()).append("  ")
                    .append(m.incoming() ? "from " : "to ").append(LadderDiagram.peer(m)).append('\n')
                    .append(m.message().replace("\r\n", "\n")).append('\n');
        }
        return out.toString();
    }

    private void save(boolean pcap) {
        String extension = pcap ? "pcap" : "txt";
        FileDialog dialog = new FileDialog(body.getShell(), SWT.SAVE);
        dialog.setText(pcap ? "Export the SIP ladder for Wireshark" : "Export the SIP ladder");
        dialog.setFilterExtensions(new String[] { "*." + extension });
        dialog.setFileName("ladder-" + ladder.callId().replaceAll("[^A-Za-z0-9._-]", "_") + "." + extension);
        dialog.setOverwrite(true);
        String file = dialog.open();
        if (file != null) {
            exportTo(Path.of(file), pcap);
        }
    }

    /** Writes the ladder to the file: as text, or as the server's capture for Wireshark. */
    public void exportTo(Path file, boolean pcap) {
        if (!pcap) {
            write(file, text(ladder).getBytes(StandardCharsets.UTF_8));
            return;
        }
        ServerWork.run(summary, "Reading the capture", () -> cdr.attachment(recordId, "ladder.pcap"),
                bytes -> bytes.ifPresentOrElse(b -> write(file, b), () -> summary.setText(
                        "The server keeps no capture of this ladder: Export Text… has every message.")),
                e -> summary.setText(ErrorDialogs.reason(e)));
    }

    private void write(Path file, byte[] bytes) {
        try {
            Files.write(file, bytes);
            summary.setText("Written to " + file + " (" + bytes.length + " bytes).");
        } catch (IOException e) {
            summary.setText("Cannot write " + file + ": " + e.getMessage());
        }
    }
}
