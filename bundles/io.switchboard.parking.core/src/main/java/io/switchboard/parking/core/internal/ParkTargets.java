package io.switchboard.parking.core.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;

import io.switchboard.sip.api.calltarget.CallTarget;
import io.switchboard.sip.api.calltarget.TargetAnswer;
import io.switchboard.sip.api.calltarget.TargetCall;
import io.switchboard.sip.api.calltarget.TargetPath;
import io.switchboard.store.rows.ServicePerRow;

/**
 * The park number and each slot as anchored call targets: a phone's blind transfer to them is completed by the
 * switch (a carrier's caller parks as well as a phone's), and a parked call may be rung back or sent on.
 */
@Component(immediate = true, configurationPid = ParkingSettings.PID)
public class ParkTargets {

    private final Lot lot;
    private final ServicePerRow<CallTarget> targets;

    @Activate
    public ParkTargets(BundleContext context, @Reference Lot lot, ParkingSettings settings) {
        this.lot = lot;
        this.targets = new ServicePerRow<>(context, CallTarget.class, Entry::new, name -> Map.of(CallTarget.NAME,
                name, CallTarget.ANCHORED, Boolean.TRUE));
        modified(settings);
    }

    @Modified
    void modified(ParkingSettings settings) {
        List<String> names = new ArrayList<>(Lot.slots(settings));
        names.add(0, settings.parkNumber());
        targets.sync(names);
    }

    @Deactivate
    void stop() {
        targets.close();
    }

    /** The park number or one slot: what its calls do depends on the lot now. */
    private final class Entry implements CallTarget {
        private final String name;

        Entry(String name) {
            this.name = name;
        }

        @Override
        public TargetAnswer offer(TargetCall call) {
            return lot.offer(call, name);
        }

        @Override
        public void ended(String callId, boolean byCaller) {
            lot.ended(callId, byCaller);
        }

        @Override
        public boolean returned(String callId, int status, String reason) {
            return lot.returned(callId);
        }

        @Override
        public TargetPath path() {
            return new TargetPath(name.equals(lot.parkNumber())
                    ? "call parking: a call transferred here waits in the first free slot, hearing music"
                    : "parking slot " + name + ": a call transferred here waits in it; dialling it takes the call "
                            + "parked there", List.of());
        }
    }
}
