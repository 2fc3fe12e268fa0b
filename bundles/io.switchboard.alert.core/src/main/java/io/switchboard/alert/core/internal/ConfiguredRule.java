package io.switchboard.alert.core.internal;

import java.util.Arrays;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.metatype.annotations.Designate;

import io.switchboard.alert.api.AlertRule;
import io.switchboard.alert.api.RuleKind;
import io.switchboard.kpi.api.Scope;

/** One rule of a factory configuration; a rule that is not sound fails to activate, its fault named in the log. */
@Component(service = ConfiguredRule.class, configurationPid = RuleConfig.PID,
        configurationPolicy = ConfigurationPolicy.REQUIRE)
@Designate(ocd = RuleConfig.class, factory = true)
public class ConfiguredRule {

    final AlertRule rule;

    @Activate
    public ConfiguredRule(RuleConfig c) {
        try {
            this.rule = Rules.check(new AlertRule(c.name(), RuleKind.of(c.kind()), c.kpi(), Scope.of(c.scope()), c.key(),
                    c.below(), c.threshold(), c.baselineWeeks(), c.windowMinutes(), c.minAttempts(), c.holdSeconds(),
                    c.cooldownSeconds(), c.severity(), Arrays.asList(c.notifiers()), c.enabled(), Rules.CONFIG));
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new IllegalArgumentException("Invalid setting " + RuleConfig.PID + ": " + e.getMessage(), e);
        }
    }
}
