package io.switchboard.queue.ui.internal;

import org.eclipse.jface.resource.JFaceResources;
import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.Color;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Label;

import io.switchboard.console.ui.widgets.Widgets;
import io.switchboard.mgmt.client.QueuesClient.Status;

/**
 * A wallboard's big figures for one queue, each coloured by its threshold: green, amber, red. The service level is
 * green from {@value #SERVICE_GREEN} %, amber from {@value #SERVICE_AMBER} %; the longest wait is green under
 * {@value #WAIT_AMBER} s, red from {@value #WAIT_RED} s.
 */
final class Tiles {

    static final int SERVICE_GREEN = 80;
    static final int SERVICE_AMBER = 60;
    static final int WAIT_AMBER = 60;
    static final int WAIT_RED = 180;
    private static final Color GREEN = new Color(46, 139, 87);
    private static final Color AMBER = new Color(218, 145, 0);
    private static final Color RED = new Color(200, 40, 40);
    private static final Color WHITE = new Color(255, 255, 255);

    private final Label queue;
    private final Label waiting;
    private final Label longest;
    private final Label answered;
    private final Label abandoned;
    private final Label service;

    Tiles(Composite parent) {
        Composite row = new Composite(parent, SWT.NONE);
        row.setLayout(new GridLayout(6, true));
        GridData wide = new GridData(SWT.FILL, SWT.TOP, true, false);
        wide.widthHint = 1; // the tiles share the part's width; they never widen it past the window
        row.setLayoutData(wide);
        queue = tile(row, "Queue", "queue.tile.queue");
        waiting = tile(row, "Waiting (callbacks)", "queue.tile.waiting");
        longest = tile(row, "Longest wait", "queue.tile.longest");
        answered = tile(row, "Answered today", "queue.tile.answered");
        abandoned = tile(row, "Abandoned (short)", "queue.tile.abandoned");
        service = tile(row, "Service level", "queue.tile.service");
    }

    private static Label tile(Composite row, String caption, String id) {
        Composite box = new Composite(row, SWT.BORDER);
        box.setLayout(new GridLayout(1, false));
        GridData share = new GridData(SWT.FILL, SWT.FILL, true, false);
        share.widthHint = 1;
        box.setLayoutData(share);
        new Label(box, SWT.NONE).setText(caption);
        Label value = Widgets.id(new Label(box, SWT.CENTER), id);
        value.setFont(JFaceResources.getHeaderFont());
        value.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
        value.setText("-");
        return value;
    }

    void show(Status s) {
        if (s == null) {
            for (Label l : new Label[] { queue, waiting, longest, answered, abandoned, service }) {
                set(l, "-", null);
            }
            return;
        }
        set(queue, s.queue(), null);
        set(waiting, s.waiting() + " (" + s.callbacks() + ")", s.waiting() == 0 ? GREEN : null);
        set(longest, minutes(s.longestWaitSeconds()), s.longestWaitSeconds() >= WAIT_RED ? RED
                : s.longestWaitSeconds() >= WAIT_AMBER ? AMBER : GREEN);
        set(answered, Integer.toString(s.answeredToday()), null);
        set(abandoned, s.abandonedToday() + " (" + s.shortAbandonedToday() + ")", null);
        set(service, s.serviceLevel() < 0 ? "-" : Math.round(s.serviceLevel()) + " % in " + s.serviceLevelSeconds()
                + " s", s.serviceLevel() < 0 ? null : s.serviceLevel() >= SERVICE_GREEN ? GREEN
                        : s.serviceLevel() >= SERVICE_AMBER ? AMBER : RED);
    }

    static String minutes(long seconds) {
        return seconds / 60 + ":" + String.format("%02d", seconds % 60);
    }

    private static void set(Label l, String text, Color back) {
        l.setText(text);
        l.setBackground(back);
        l.setForeground(back == null ? null : WHITE);
        l.getParent().setBackground(back);
    }
}
