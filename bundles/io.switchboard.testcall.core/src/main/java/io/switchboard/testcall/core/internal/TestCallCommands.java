package io.switchboard.testcall.core.internal;

import java.util.List;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import io.switchboard.testcall.api.TestCallResult;
import io.switchboard.testcall.api.TestCallSchedule;
import io.switchboard.testcall.api.TestCallService;

/** Gogo commands: {@code testcall:list}, {@code testcall:run carrier-a}, {@code testcall:results carrier-a}. */
@Component(service = TestCallCommands.class, property = { "osgi.command.scope=testcall",
        "osgi.command.function=list", "osgi.command.function=run", "osgi.command.function=results" })
public class TestCallCommands {

    private static final String ROW = "%-20s %-14s %-16s %6s %-8s %-13s %s%n";

    @Reference
    private TestCallService testCalls;

    public String list() {
        StringBuilder sb = new StringBuilder(String.format(ROW, "NAME", "TRUNK", "NUMBER", "EVERY", "AUDIO",
                "LAST", "WHEN / WHY"));
        for (TestCallSchedule s : testCalls.schedules()) {
            List<TestCallResult> last = testCalls.results(s.name(), 1);
            sb.append(String.format(ROW, s.name() + (s.enabled() ? "" : " (off)"), s.trunk() == null ? "(route)"
                    : s.trunk(), s.number(), s.intervalMinutes() + "m", s.audio(), last.isEmpty() ? "never"
                            : last.get(0).outcome(), last.isEmpty() ? "" : last.get(0).started() + " " + last.get(0)
                                    .reason()));
        }
        return sb.toString();
    }

    public String run(String name) {
        TestCallResult r = testCalls.run(name);
        return r.outcome() + ": " + r.reason() + " (SIP " + r.sipCode() + ", Call-ID " + r.sipCallId() + ")";
    }

    public String results(String name) {
        StringBuilder sb = new StringBuilder();
        for (TestCallResult r : testCalls.results(name, 20)) {
            sb.append(r.started()).append("  ").append(r.outcome()).append("  ").append(r.reason())
                    .append(System.lineSeparator());
        }
        return sb.length() == 0 ? "No results of " + name : sb.toString();
    }
}
