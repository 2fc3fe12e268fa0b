package io.switchboard.sip.ui.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.eclipse.jface.viewers.TableViewer;

import io.switchboard.console.ui.widgets.Columns;
import io.switchboard.console.ui.widgets.ConsoleSettings;
import io.switchboard.mgmt.client.ManagementException;
import io.switchboard.mgmt.client.SipClient;
import io.switchboard.mgmt.client.SipClient.TrunkView;

/** Per-carrier health, live: up or down and since when, round-trip time, channels, registration. */
public class TrunkHealthPart extends LivePart<TrunkView> {

    public TrunkHealthPart() {
        super("trunkHealth");
    }

    @Override
    void columns(TableViewer v) {
        Columns.add(v, "Trunk", 120, (TrunkView t) -> t.trunk().name());
        Columns.add(v, "State", 70, (TrunkView t) -> t.trunk().enabled() ? t.stateText() : "disabled");
        Columns.add(v, "Since", 230, (TrunkView t) -> since(t.state().since()));
        Columns.add(v, "RTT", 70, (TrunkView t) -> t.state().rttMillis() < 0 ? "–" : t.state().rttMillis() + " ms");
        Columns.add(v, "Channels", 90, (TrunkView t) -> t.state().channels() + " / "
                + (t.state().maxChannels() == 0 ? "∞" : Integer.toString(t.state().maxChannels())));
        Columns.add(v, "Registration", 130, (TrunkView t) -> t.state().registration());
        Columns.add(v, "Registered until", 180, (TrunkView t) -> ConsoleSettings.time(t.state().registeredUntil()));
        Columns.add(v, "Last probe", 180, (TrunkView t) -> ConsoleSettings.time(t.state().lastProbe()));
    }

    private static String since(Instant since) {
        if (since == null) {
            return "";
        }
        Duration d = Duration.between(since, Instant.now());
        String ago = d.toHours() > 0 ? d.toHours() + " h " + d.toMinutesPart() + " min"
                : d.toMinutes() > 0 ? d.toMinutes() + " min " + d.toSecondsPart() + " s" : d.toSeconds() + " s";
        return ConsoleSettings.time(since) + " (" + ago + ")";
    }

    @Override
    List<TrunkView> load(SipClient sip) throws ManagementException {
        return sip.trunks();
    }
}
