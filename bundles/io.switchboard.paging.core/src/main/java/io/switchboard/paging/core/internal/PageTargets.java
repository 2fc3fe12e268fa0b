package io.switchboard.paging.core.internal;

import java.util.List;
import java.util.Map;

import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;

import io.switchboard.paging.api.PageGroup;
import io.switchboard.sip.api.calltarget.CallTarget;
import io.switchboard.sip.api.calltarget.TargetAnswer;
import io.switchboard.sip.api.calltarget.TargetCall;
import io.switchboard.sip.api.calltarget.TargetPath;
import io.switchboard.store.rows.ServicePerRow;

/**
 * Each page group as a call target of its own name: routing then reaches a group as it reaches any extension
 * (a number of the inventory, a speed dial key on a phone).
 */
@Component(immediate = true)
public class PageTargets {

    private final PageGroupService groups;
    private final Pager pager;
    private final ServicePerRow<CallTarget> targets;
    private final Runnable listener = this::sync;

    @Activate
    public PageTargets(BundleContext context, @Reference PageGroupService groups, @Reference Pager pager) {
        this.groups = groups;
        this.pager = pager;
        this.targets = new ServicePerRow<>(context, CallTarget.class, Entry::new, name -> Map.of(CallTarget.NAME,
                name));
        groups.listen(listener);
        sync();
    }

    @Deactivate
    void stop() {
        groups.unlisten(listener);
        targets.close();
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

        @Override
        public TargetPath path() {
            return groups.group(group).map(g -> new TargetPath("page group " + g.name() + (g.duplex()
                    ? " (intercom, both ways)" : " (one way)") + " calls " + String.join(", ", g.members())
                    + ", each phone answering on its own; a member in a call or without a phone is passed by",
                    List.of())).orElse(null);
        }
    }

    private void sync() {
        targets.sync(groups.groups().stream().map(PageGroup::name).toList());
    }
}
