package io.switchboard.cdr.ui.internal;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntConsumer;

import org.eclipse.swt.SWT;
import org.eclipse.swt.custom.ScrolledComposite;
import org.eclipse.swt.graphics.Color;
import org.eclipse.swt.graphics.GC;
import org.eclipse.swt.graphics.Point;
import org.eclipse.swt.widgets.Canvas;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Event;

import io.switchboard.console.ui.widgets.Widgets;
import io.switchboard.mgmt.client.CallLadder;

/**
 * A call's SIP ladder drawn as a sequence diagram: a lifeline for the caller, the switch and each
 * address leg B reached, and an arrow per message with its time since the first. A click or the
 * arrow keys select a message; the listener gets its index.
 */
public final class LadderDiagram {

    /** One lifeline: its title and the address under it. */
    public record Lane(String title, String address) {
    }

    /** One message's arrow, from lane to lane, with its label and time since the first message. */
    public record Arrow(int from, int to, String label, String time) {
    }

    private static final int LEFT = 80;
    private static final int LANE = 230;
    private static final int TOP = 44;
    private static final int ROW = 24;

    private final Canvas canvas;
    private final IntConsumer selected;
    private final List<Lane> lanes = new ArrayList<>();
    private final List<Arrow> arrows = new ArrayList<>();
    private int selection = -1;

    LadderDiagram(Composite parent, IntConsumer selected) {
        this.selected = selected;
        canvas = Widgets.id(new Canvas(parent, SWT.DOUBLE_BUFFERED), "ladder.diagram");
        canvas.setBackground(canvas.getDisplay().getSystemColor(SWT.COLOR_LIST_BACKGROUND));
        canvas.addListener(SWT.Paint, e -> paint(e.gc));
        canvas.addListener(SWT.MouseDown, e -> {
            canvas.setFocus(); // the arrow keys move from the message clicked
            select(Math.floorDiv(e.y - TOP, ROW));
        });
        canvas.addListener(SWT.KeyDown, this::key);
        canvas.addListener(SWT.Traverse, e -> e.doit = e.detail != SWT.TRAVERSE_ARROW_NEXT
                && e.detail != SWT.TRAVERSE_ARROW_PREVIOUS);
    }

    Canvas control() {
        return canvas;
    }

    /** Shows a ladder: the caller's addresses first, then the switch, then every address leg B went to. */
    void show(CallLadder ladder) {
        lanes.clear();
        arrows.clear();
        List<String> callers = new ArrayList<>();
        List<String> callees = new ArrayList<>();
        String local = null;
        for (CallLadder.Message m : ladder.messages()) {
            List<String> side = "A".equals(m.leg()) ? callers : callees;
            if (!side.contains(peer(m))) {
                side.add(peer(m));
            }
            local = local == null ? m.local() : local;
        }
        callers.forEach(a -> lanes.add(new Lane("Caller", a)));
        int switchLane = lanes.size();
        lanes.add(new Lane("Switchboard", local == null ? "" : local));
        callees.forEach(a -> lanes.add(new Lane("Leg B", a)));
        for (CallLadder.Message m : ladder.messages()) {
            int peer = "A".equals(m.leg()) ? callers.indexOf(peer(m)) : switchLane + 1 + callees.indexOf(peer(m));
            long ms = ladder.messages().isEmpty() || m.time() == null || ladder.messages().get(0).time() == null ? 0
                    : Duration.between(ladder.messages().get(0).time(), m.time()).toMillis();
            arrows.add(new Arrow(m.incoming() ? peer : switchLane, m.incoming() ? switchLane : peer, label(m),
                    String.format("+%d.%03d s", ms / 1000, ms % 1000)));
        }
        selection = -1;
        canvas.redraw();
    }

    /** @return the width and height that draw every lane and arrow */
    Point size() {
        return new Point(LEFT + Math.max(1, lanes.size()) * LANE, TOP + arrows.size() * ROW + 8);
    }

    public List<Lane> lanes() {
        return List.copyOf(lanes);
    }

    public List<Arrow> arrows() {
        return List.copyOf(arrows);
    }

    public int selection() {
        return selection;
    }

    /** Selects the message at index, as a click on its arrow does. */
    public void select(int index) {
        if (index < 0 || index >= arrows.size()) {
            return;
        }
        selection = index;
        canvas.redraw();
        reveal(TOP + index * ROW);
        selected.accept(index);
    }

    /** Scrolls the diagram so that the row at y shows, as a list follows the arrow keys. */
    private void reveal(int y) {
        if (canvas.getParent() instanceof ScrolledComposite scroll) {
            Point origin = scroll.getOrigin();
            int height = scroll.getClientArea().height;
            if (y < origin.y || y + ROW > origin.y + height) {
                scroll.setOrigin(origin.x, Math.max(0, y - height / 2));
            }
        }
    }

    private void key(Event e) {
        if (e.keyCode == SWT.ARROW_DOWN) {
            select(selection + 1);
        } else if (e.keyCode == SWT.ARROW_UP) {
            select(selection - 1);
        }
    }

    /** @return the other end's address, or what stands for it when the switch did not know it */
    static String peer(CallLadder.Message m) {
        return m.peer() == null ? "address unknown" : m.peer();
    }

    /** A request's method and the user it is for; a response's status line. */
    static String label(CallLadder.Message m) {
        String line = m.firstLine() == null ? "" : m.firstLine();
        if (line.startsWith("SIP/2.0 ")) {
            return line.substring("SIP/2.0 ".length());
        }
        String[] parts = line.split(" ");
        if (parts.length < 2) {
            return line;
        }
        String uri = parts[1].replaceFirst("^sips?:", "");
        int at = uri.indexOf('@');
        return parts[0] + " " + (at > 0 ? uri.substring(0, at) : uri.replaceAll("[;>].*", ""));
    }

    private int x(int lane) {
        return LEFT + lane * LANE + LANE / 2;
    }

    private void paint(GC gc) {
        Color fg = canvas.getDisplay().getSystemColor(SWT.COLOR_LIST_FOREGROUND);
        Color line = canvas.getDisplay().getSystemColor(SWT.COLOR_WIDGET_NORMAL_SHADOW);
        Color mark = canvas.getDisplay().getSystemColor(SWT.COLOR_LIST_SELECTION);
        gc.setAntialias(SWT.ON);
        int bottom = TOP + arrows.size() * ROW;
        for (int i = 0; i < lanes.size(); i++) {
            Lane lane = lanes.get(i);
            gc.setForeground(fg);
            centred(gc, lane.title(), x(i), 4);
            centred(gc, lane.address(), x(i), 20);
            gc.setForeground(line);
            gc.setLineStyle(SWT.LINE_DASH);
            gc.drawLine(x(i), TOP - 4, x(i), bottom);
            gc.setLineStyle(SWT.LINE_SOLID);
        }
        for (int i = 0; i < arrows.size(); i++) {
            Arrow a = arrows.get(i);
            int y = TOP + i * ROW + ROW - 6;
            if (i == selection) {
                gc.setBackground(mark);
                gc.setAlpha(70);
                gc.fillRectangle(0, TOP + i * ROW, size().x, ROW);
                gc.setAlpha(255);
            }
            gc.setForeground(fg);
            gc.drawText(a.time(), 6, y - 10, true);
            gc.drawLine(x(a.from()), y, x(a.to()), y);
            int dir = a.to() > a.from() ? -1 : 1;
            gc.setBackground(fg);
            gc.fillPolygon(new int[] { x(a.to()), y, x(a.to()) + dir * 8, y - 4, x(a.to()) + dir * 8, y + 4 });
            centred(gc, a.label(), (x(a.from()) + x(a.to())) / 2, y - 16);
        }
    }

    private static void centred(GC gc, String text, int x, int y) {
        gc.drawText(text, x - gc.textExtent(text).x / 2, y, true);
    }
}
