package io.switchboard.attendant.core.internal;

import java.util.HashMap;
import java.util.Hashtable;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;

import io.switchboard.attendant.api.Menu;
import io.switchboard.sip.api.calltarget.CallTarget;
import io.switchboard.sip.api.calltarget.TargetAnswer;
import io.switchboard.sip.api.calltarget.TargetCall;

/**
 * Each menu as a call target of its own name, anchored on the relay: routing then reaches a menu as it reaches
 * any extension (a number of the inventory, a schedule's after-hours destination, a forward).
 */
@Component(immediate = true)
public class MenuTargets {

    private final BundleContext context;
    private final MenuService menus;
    private final AttendantTarget target;
    private final Map<String, ServiceRegistration<CallTarget>> registered = new HashMap<>();
    private final Runnable listener = this::sync;

    @Activate
    public MenuTargets(BundleContext context, @Reference MenuService menus, @Reference AttendantTarget target) {
        this.context = context;
        this.menus = menus;
        this.target = target;
        menus.listen(listener);
        sync();
    }

    @Deactivate
    synchronized void stop() {
        menus.unlisten(listener);
        registered.values().forEach(ServiceRegistration::unregister);
        registered.clear();
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
    }

    private synchronized void sync() {
        Set<String> names = menus.menus().stream().map(Menu::name).collect(Collectors.toSet());
        registered.entrySet().removeIf(e -> {
            if (names.contains(e.getKey())) {
                return false;
            }
            e.getValue().unregister();
            return true;
        });
        for (String name : names) {
            if (!registered.containsKey(name)) {
                Hashtable<String, Object> p = new Hashtable<>();
                p.put(CallTarget.NAME, name);
                p.put(CallTarget.ANCHORED, Boolean.TRUE);
                registered.put(name, context.registerService(CallTarget.class, new Entry(name), p));
            }
        }
    }
}
