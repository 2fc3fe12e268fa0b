package io.switchboard.testcall.core.internal;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.metatype.annotations.Designate;

import io.switchboard.testcall.api.AudioCheck;
import io.switchboard.testcall.api.TestCallSchedule;

/** One schedule of a factory configuration; one that is not sound fails to activate, its fault named in the log. */
@Component(service = ConfiguredSchedule.class, configurationPid = ScheduleConfig.PID,
        configurationPolicy = ConfigurationPolicy.REQUIRE)
@Designate(ocd = ScheduleConfig.class, factory = true)
public class ConfiguredSchedule {

    final TestCallSchedule schedule;

    @Activate
    public ConfiguredSchedule(ScheduleConfig c) {
        try {
            this.schedule = new TestCallSchedule(c.name(), c.trunk(), c.number(), c.intervalMinutes(), c.answerSeconds(),
                    c.listenSeconds(), AudioCheck.of(c.audio()), c.minMos(), c.enabled(), TestCallSchedule.CONFIG);
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new IllegalArgumentException("Invalid setting " + ScheduleConfig.PID + ": " + e.getMessage(), e);
        }
    }
}
