package io.switchboard.sip.api.hunting;

import java.util.List;

/**
 * How one call to a group is rung: its steps in order, then where it goes when nobody answered.
 *
 * @param group the group's name, as records and events name it
 * @param steps rung one after another; a step whose members are all busy or unreachable is passed over
 * @param noAnswer where the call goes after the last step: a user, a number, another group's
 *            extension, {@code voicemail:USER} for a user's mailbox; null to answer the caller 480
 * @param note why the plan is what it is ("closed: holiday Christmas"), for records and the route
 *            simulator, or null (since 1.1)
 */
public record HuntPlan(String group, List<HuntStep> steps, String noAnswer, String note) {

    public HuntPlan(String group, List<HuntStep> steps, String noAnswer) {
        this(group, steps, noAnswer, null);
    }

    public HuntPlan {
        steps = List.copyOf(steps);
    }
}
