package io.switchboard.attendant.core.internal;

import java.util.Map;

import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;

import io.switchboard.attendant.api.Menu;
import io.switchboard.sip.api.calltarget.CallTarget;
import io.switchboard.sip.api.calltarget.TargetAnswer;
import io.switchboard.sip.api.calltarget.TargetCall;
import io.switchboard.sip.api.calltarget.TargetPath;
import io.switchboard.store.rows.ServicePerRow;

/**
 * Each menu as a call target of its own name, anchored on the relay: routing then reaches a menu as it reaches
 * any extension (a number of the inventory, a schedule's after-hours destination, a forward).
 */
@Component(immediate = true)
public class MenuTargets {

    private final MenuService menus;
    private final AttendantTarget target;
    private final ServicePerRow<CallTarget> targets;
    private final Runnable listener = this::sync;

    @Activate
    public MenuTargets(BundleContext context, @Reference MenuService menus, @Reference AttendantTarget target) {
        this.menus = menus;
        this.target = target;
        this.targets = new ServicePerRow<>(context, CallTarget.class, Entry::new, name -> Map.of(CallTarget.NAME,
                name, CallTarget.ANCHORED, Boolean.TRUE));
        menus.listen(listener);
        sync();
    }

    @Deactivate
    void stop() {
        menus.unlisten(listener);
        targets.close();
    }

    /** One menu's call target: its calls, whatever was dialled to reach it, go to that menu. */
    private final class Entry implements CallTarget {
        private final String menu;

        Entry(String menu) {
            this.menu = menu;
        }

        @Override
        public TargetAnswer offer(TargetCall call) {
            return target.offer(call, menu);
        }

        @Override
        public void ended(String callId, boolean byCaller) {
            target.ended(callId, byCaller);
        }

        @Override
        public void key(String callId, char key) {
            target.key(callId, key);
        }

        @Override
        public boolean returned(String callId, int status, String reason) {
            return target.returned(callId);
        }

        @Override
        public TargetPath path() {
            return menus.menu(menu).map(MenuPath::of).orElse(null);
        }
    }

    private void sync() {
        targets.sync(menus.menus().stream().map(Menu::name).toList());
    }
}
