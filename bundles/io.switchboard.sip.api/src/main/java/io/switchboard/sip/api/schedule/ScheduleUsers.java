package io.switchboard.sip.api.schedule;

import java.util.List;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * What names schedules, asked before one is deleted: register one as an OSGi service from a bundle
 * whose settings name schedules (groups, forwarding), so that a schedule in use is never deleted from
 * under them.
 */
@ConsumerType
public interface ScheduleUsers {

    /** @return what uses the schedule, as admins would find it ("group sales", "forwarding of bob"); empty for nothing */
    List<String> using(String schedule);
}
