package io.switchboard.queue.core.internal;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import io.switchboard.queue.api.AgentState;
import io.switchboard.queue.api.CallQueue;
import io.switchboard.queue.api.QueueStatus;
import io.switchboard.queue.api.Queues;

/** The queues for the management API, the console and plugins: the stored ones and this server's live figures. */
@Component(service = Queues.class, configurationPid = QueueSettings.PID)
public class QueueApi implements Queues {

    private final QueueService queues;
    private final Lines lines;
    private final QueueSettings settings;

    @Activate
    public QueueApi(@Reference QueueService queues, @Reference Lines lines, QueueSettings settings) {
        this.queues = queues;
        this.lines = lines;
        this.settings = settings;
    }

    @Override
    public int serviceLevelSeconds() {
        return settings.serviceLevelSeconds();
    }

    @Override
    public int shortAbandonSeconds() {
        return settings.shortAbandonSeconds();
    }

    @Override
    public List<CallQueue> queues() {
        return queues.queues();
    }

    @Override
    public Optional<CallQueue> queue(String name) {
        return queues.queue(name);
    }

    @Override
    public CallQueue save(CallQueue queue, long expectedVersion) {
        return queues.save(queue, expectedVersion);
    }

    @Override
    public boolean delete(String name) {
        return queues.delete(name);
    }

    @Override
    public QueueStatus status(String name) {
        return lines.status(name);
    }

    @Override
    public Map<String, Map<String, Integer>> skills() {
        return queues.skills();
    }

    @Override
    public Map<String, Integer> saveSkills(String user, Map<String, Integer> skills) {
        return queues.saveSkills(user, skills);
    }

    @Override
    public AgentState agent(String queue, String user, AgentState.State state, String reason) {
        queues.agent(queue, user, state, reason);
        return lines.status(queue).agents().stream().filter(a -> a.agent().equals(user)).findFirst()
                .orElse(new AgentState(queue, user, AgentState.State.LOGGED_OUT, null, null, false, 0));
    }
}
