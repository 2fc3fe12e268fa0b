package io.switchboard.queue.core.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import io.switchboard.cdr.api.CdrQuery;
import io.switchboard.cdr.api.CdrService;

/**
 * Queues' figures for past periods, read from the call records: every server's callers, for any day the records
 * are kept. The records of the period are streamed once, a batch at a time.
 */
@Component(service = QueueReports.class, configurationPid = QueueSettings.PID)
public class QueueReports {

    /** The longest period one report reads. */
    static final Duration MAX_PERIOD = Duration.ofDays(31);

    private final CdrService cdr;
    private final QueueService queues;
    private final QueueSettings settings;

    @Activate
    public QueueReports(@Reference CdrService cdr, @Reference QueueService queues, QueueSettings settings) {
        this.cdr = cdr;
        this.queues = queues;
        this.settings = settings;
    }

    /**
     * @return the queue's figures from {@code from} to {@code to}, by interval and by agent
     * @throws IllegalArgumentException naming a bad period or interval
     */
    Map<String, Object> report(String queue, Instant from, Instant to, int intervalMinutes) {
        if (!to.isAfter(from) || Duration.between(from, to).compareTo(MAX_PERIOD) > 0) {
            throw new IllegalArgumentException("to: after from, at most " + MAX_PERIOD.toDays() + " days later");
        }
        if (intervalMinutes < 15 || intervalMinutes > 1440) {
            throw new IllegalArgumentException("intervalMinutes: 15 to 1440, not " + intervalMinutes);
        }
        QueueReport report = new QueueReport(queue, from, Duration.ofMinutes(intervalMinutes),
                settings.serviceLevelSeconds(), settings.shortAbandonSeconds());
        cdr.forEach(new CdrQuery("start:[" + from + " TO " + to + "]", "start", false, 0, 1000, List.of()),
                r -> {
                    if (r.start() != null && r.start().isBefore(to)) {
                        report.add(r);
                    }
                });
        report.agentTime(queues.agentTime(queue, from, to));
        return report.json(to);
    }
}
