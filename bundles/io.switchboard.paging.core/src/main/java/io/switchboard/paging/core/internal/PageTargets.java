package io.switchboard.paging.core.internal;

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

import io.switchboard.paging.api.PageGroup;
import io.switchboard.sip.api.calltarget.CallTarget;
import io.switchboard.sip.api.calltarget.TargetAnswer;
import io.switchboard.sip.api.calltarget.TargetCall;

/**
 * Each page group as a call target of its own name: routing then reaches a group as it reaches any extension
 * (a number of the inventory, a speed dial key on a phone).
 */
@Component(immediate = true)
public class PageTargets {

    private final BundleContext context;
    private final PageGroupService groups;
    private final Pager pager;
    private final Map<String, ServiceRegistration<CallTarget>> registered = new HashMap<>();
    private final Runnable listener = this::sync;

    @Activate
    public PageTargets(BundleContext context, @Reference PageGroupService groups, @Reference Pager pager) {
        this.context = context;
        this.groups = groups;
        this.pager = pager;
        groups.listen(listener);
        sync();
    }

    @Deactivate
    synchronized void stop() {
        groups.unlisten(listener);
        registered.values().forEach(ServiceRegistration::unregister);
        registered.clear();
    }

    /** One group's call target: its calls, whatever was dialled to reach it, page that group. */
    private final class Entry implements CallTarget {
        private final String group;

        Entry(String group) {
            this.group = group;
        }

        @Override
        public TargetAnswer offer(TargetCall call) {
            return pager.offer(call, group);
        }

        @Override
        public void ended(String callId, boolean byCaller) {
            pager.ended(callId);
        }
    }

    private synchronized void sync() {
        Set<String> names = groups.groups().stream().map(PageGroup::name).collect(Collectors.toSet());
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
                registered.put(name, context.registerService(CallTarget.class, new Entry(name), p));
            }
        }
    }
}
