package io.switchboard.sip.admin.internal;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import io.switchboard.sip.api.Lockout;
import io.switchboard.sip.api.SipGuard;

/**
 * Gogo shell commands for the switch's lockouts: {@code sip:lockouts} lists them with the trusted
 * networks, {@code sip:unlock KIND KEY} lifts one (kind source, user or flood).
 */
@Component(service = LockoutCommands.class, property = { "osgi.command.scope=sip",
        "osgi.command.function=lockouts", "osgi.command.function=unlock" })
public class LockoutCommands {

    private static final String NL = System.lineSeparator();

    @Reference
    private SipGuard guard;

    public String lockouts() {
        StringBuilder sb = new StringBuilder(String.format("%-7s %-40s %-24s %-24s %9s  %s%n", "kind", "address or user",
                "since", "until", "refused", "reason"));
        for (Lockout l : guard.lockouts()) {
            sb.append(String.format("%-7s %-40s %-24s %-24s %9d  %s%n", l.kind(), l.key(), l.since(), l.until(),
                    l.refused(), l.reason()));
        }
        sb.append("Trusted, never locked out: ").append(String.join(", ", guard.trustedNetworks()))
                .append(" and the trunks' addresses").append(NL);
        return sb.toString();
    }

    public String unlock(String kind, String key) {
        return (guard.lift(kind, key) ? "Lifted the " + kind + " lockout of " + key : "No " + kind + " lockout of "
                + key + " in force") + NL;
    }
}
