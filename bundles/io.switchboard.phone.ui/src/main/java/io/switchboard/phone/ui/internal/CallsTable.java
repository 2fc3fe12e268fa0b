package io.switchboard.phone.ui.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.eclipse.jface.viewers.IStructuredSelection;
import org.eclipse.jface.viewers.StructuredSelection;
import org.eclipse.jface.viewers.TableViewer;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Composite;

import io.switchboard.console.ui.widgets.Columns;
import io.switchboard.console.ui.widgets.ConsoleSettings;
import io.switchboard.phone.api.CallState;
import io.switchboard.phone.api.PhoneCall;

/** The softphone's calls, those in progress and those that ended, the newest first. */
final class CallsTable {

    private final TableViewer viewer;

    CallsTable(Composite parent) {
        viewer = Columns.viewer(parent, "phone.calls", SWT.SINGLE);
        Columns.<PhoneCall>add(viewer, "", 30, c -> c.outgoing() ? "↗" : "↙");
        Columns.<PhoneCall>add(viewer, "Number", 220, CallsTable::number);
        Columns.<PhoneCall>add(viewer, "Name", 120, PhoneCall::remoteName);
        Columns.<PhoneCall>add(viewer, "State", 110, CallsTable::state);
        Columns.<PhoneCall>add(viewer, "Started", 170, c -> ConsoleSettings.time(c.started()));
        Columns.<PhoneCall>add(viewer, "Talk time", 80, CallsTable::talkTime);
        Columns.<PhoneCall>add(viewer, "Codec", 70, c -> c.stats().codec());
        Columns.<PhoneCall>add(viewer, "MOS", 50, c -> c.answered() == null ? "" : String.format("%.2f", c.stats().mos()));
    }

    TableViewer viewer() {
        return viewer;
    }

    /** Shows these calls, keeping the selection; the rows of calls in progress are brought up to date. */
    void show(List<PhoneCall> calls) {
        if (calls.equals(viewer.getInput())) {
            viewer.refresh();
        } else {
            viewer.setInput(List.copyOf(calls));
        }
    }

    void select(PhoneCall call) {
        viewer.setSelection(new StructuredSelection(call));
    }

    PhoneCall selected() {
        return (PhoneCall) ((IStructuredSelection) viewer.getSelection()).getFirstElement();
    }

    /** @return the user or number of the far end: 1002 of sip:1002@pbx.example.net */
    static String number(PhoneCall call) {
        String remote = call.remote() == null ? "" : call.remote();
        String bare = remote.replaceFirst("^sips?:", "");
        int at = bare.indexOf('@');
        return at > 0 ? bare.substring(0, at) : bare;
    }

    /** @return the state, with the SIP status of a call that failed ("Ended: 486 busy") */
    static String state(PhoneCall call) {
        CallState s = call.state();
        if (s != CallState.ENDED) {
            return switch (s) {
                case DIALING -> "Dialing";
                case RINGING -> "Ringing";
                case EARLY_MEDIA -> "Early media";
                case INCOMING -> "Incoming";
                case CONNECTED -> "Connected";
                case HELD -> "On hold";
                default -> s.name();
            };
        }
        if (call.answered() != null) {
            return "Ended";
        }
        return switch (call.failureCode()) {
            case 0 -> call.outgoing() ? "Cancelled" : "Missed";
            case 486, 600 -> "Busy (" + call.failureCode() + ")";
            case 404, 604 -> "No such number (" + call.failureCode() + ")";
            case 403 -> "Refused (403)";
            case 480 -> "Unavailable (480)";
            case 487 -> call.outgoing() ? "Cancelled" : "Missed";
            case 603 -> "Declined (603)";
            default -> "Failed (" + call.failureCode() + ")";
        };
    }

    static String talkTime(PhoneCall call) {
        if (call.answered() == null) {
            return "";
        }
        Instant end = call.ended() != null ? call.ended() : Instant.now();
        long s = Duration.between(call.answered(), end).toSeconds();
        return String.format("%d:%02d", s / 60, s % 60);
    }
}
