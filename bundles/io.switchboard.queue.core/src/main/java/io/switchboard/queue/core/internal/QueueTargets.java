package io.switchboard.queue.core.internal;

import java.util.List;
import java.util.Map;

import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;

import io.switchboard.queue.api.CallQueue;
import io.switchboard.sip.api.calltarget.CallTarget;
import io.switchboard.sip.api.calltarget.TargetAnswer;
import io.switchboard.sip.api.calltarget.TargetCall;
import io.switchboard.sip.api.calltarget.TargetPath;
import io.switchboard.store.rows.ServicePerRow;

/**
 * Each queue as an anchored call target of its own name: routing reaches a queue as it reaches any extension (a
 * number of the inventory, a menu's key, a schedule's destination), and an agent's answer is a redirect of the call.
 */
@Component(immediate = true)
public class QueueTargets {

    private final QueueService queues;
    private final Lines lines;
    private final ServicePerRow<CallTarget> targets;
    private final Runnable listener = this::sync;

    @Activate
    public QueueTargets(BundleContext context, @Reference QueueService queues, @Reference Lines lines) {
        this.queues = queues;
        this.lines = lines;
        this.targets = new ServicePerRow<>(context, CallTarget.class, Entry::new, name -> Map.of(CallTarget.NAME,
                name, CallTarget.ANCHORED, Boolean.TRUE));
        queues.listen(listener);
        sync();
    }

    @Deactivate
    void stop() {
        queues.unlisten(listener);
        targets.close();
    }

    /** One queue's call target: its calls, whatever was dialled to reach it, wait in that queue. */
    private final class Entry implements CallTarget {
        private final String queue;

        Entry(String queue) {
            this.queue = queue;
        }

        @Override
        public TargetAnswer offer(TargetCall call) {
            return lines.offer(call, queue);
        }

        @Override
        public void ended(String callId, boolean byCaller) {
            lines.ended(callId, byCaller, queue);
        }

        @Override
        public void key(String callId, char key) {
            lines.key(callId, key);
        }

        @Override
        public void answeredBy(String callId, String user) {
            lines.answeredBy(callId, user);
        }

        @Override
        public boolean returned(String callId, int status, String reason) {
            return lines.returned(callId, status, queue);
        }

        @Override
        public TargetPath path() {
            return queues.queue(queue).map(QueueTargets::path).orElse(null);
        }
    }

    static TargetPath path(CallQueue q) {
        String agents = q.members().isEmpty() ? "the agents logged in" : String.join(", ", q.members())
                + (q.dynamic() ? " and the agents logged in" : "");
        String step = "queue " + q.name() + " (" + q.strategy().name().toLowerCase().replace('_', ' ') + ") rings "
                + agents + ", " + q.ringSeconds() + " s each; callers hear music"
                + (q.announceSeconds() > 0 ? " and their place every " + q.announceSeconds() + " s" : "")
                + (q.callback() ? ", and may press 1 to be called back" : "") + "; after " + q.maxWaitSeconds()
                + " s, with " + q.maxCallers() + " waiting or nobody logged in, "
                + (q.overflow() == null ? "the call ends" : "the caller goes on to " + q.overflow());
        return new TargetPath(step, q.overflow() == null ? List.of() : List.of(new TargetPath.Branch("overflow",
                q.overflow())));
    }

    private void sync() {
        targets.sync(queues.queues().stream().map(CallQueue::name).toList());
    }
}
