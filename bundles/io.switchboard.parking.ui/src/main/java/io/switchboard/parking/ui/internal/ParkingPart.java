package io.switchboard.parking.ui.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.eclipse.jface.viewers.TableViewer;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Label;

import io.switchboard.console.ui.SelectedServer;
import io.switchboard.console.ui.widgets.Columns;
import io.switchboard.console.ui.widgets.LiveRefresh;
import io.switchboard.console.ui.widgets.LiveViewPart;
import io.switchboard.console.ui.widgets.Widgets;
import io.switchboard.mgmt.client.ParkingClient;
import io.switchboard.mgmt.client.ParkingClient.Lot;
import io.switchboard.mgmt.client.ParkingClient.Parked;
import jakarta.annotation.PostConstruct;
import jakarta.inject.Inject;

/**
 * The parking lot, live, as a receptionist's console shows it: every slot, free or taken, who waits there and who
 * parked them, how long they have waited and when they go back; a call ringing back is listed under its slot's
 * number, which is free again.
 */
public class ParkingPart extends LiveViewPart {

    /** One line of the table: a slot, and the call in it or on its way back from it (null when free). */
    record Slot(String slot, Parked call) {
    }

    @Inject
    SelectedServer server;

    private TableViewer slots;
    private Label number;

    @PostConstruct
    public void createControls(Composite parent) {
        Composite bar = Widgets.toolbar(parent, 3);
        number = Widgets.id(new Label(bar, SWT.NONE), "parking.number");
        number.setText("Call parking");
        Label status = Widgets.id(new Label(bar, SWT.NONE), "parking.status");
        Widgets.fillWidth(status);
        slots = Columns.viewer(parent, "parking.slots", SWT.SINGLE);
        Columns.add(slots, "Slot", 70, (Slot s) -> s.slot());
        Columns.add(slots, "State", 110, (Slot s) -> s.call() == null ? "free"
                : s.call().state().equals("PARKED") ? "parked" : "ringing back");
        Columns.add(slots, "Caller", 200, (Slot s) -> s.call() == null ? "" : s.call().callerName() == null
                ? s.call().caller() : s.call().callerName() + " (" + s.call().caller() + ")");
        Columns.add(slots, "Parked by", 110, (Slot s) -> s.call() == null || s.call().parkedBy() == null ? ""
                : s.call().parkedBy());
        Columns.add(slots, "Waiting", 80, (Slot s) -> s.call() == null ? "" : minutes(s.call().parkedAt(),
                Instant.now()));
        Columns.add(slots, "Goes back in", 100, (Slot s) -> s.call() == null || !s.call().state().equals("PARKED")
                ? "" : minutes(Instant.now(), s.call().returnsAt()));
        live = LiveRefresh.of("parking", status, server, () -> new ParkingClient(server.client()).lot(), null,
                this::show);
    }

    private void show(Lot lot) {
        if (lot == null) {
            slots.setInput(List.of());
            return;
        }
        number.setText("Transfer a call to " + lot.parkNumber() + " to park it; dial its slot to take it");
        number.getParent().layout();
        slots.setInput(rows(lot));
    }

    /** @return every slot in order with its parked call, then the calls ringing back from a slot taken again */
    static List<Slot> rows(Lot lot) {
        Map<String, Parked> parked = lot.parked().stream().filter(p -> p.state().equals("PARKED"))
                .collect(Collectors.toMap(Parked::slot, Function.identity(), (a, b) -> a));
        List<Slot> rows = new ArrayList<>(lot.slots().stream().map(n -> new Slot(n, parked.get(n)))
                .toList());
        lot.parked().stream().filter(p -> !p.state().equals("PARKED")).map(p -> new Slot(p.slot(), p))
                .forEach(rows::add);
        return rows;
    }

    private static String minutes(Instant from, Instant to) {
        long s = Math.max(0, Duration.between(from, to).toSeconds());
        return s / 60 + ":" + String.format("%02d", s % 60);
    }
}
