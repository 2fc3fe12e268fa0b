package io.switchboard.media.rtp.internal;

import java.util.Comparator;
import java.util.List;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import io.switchboard.media.api.Leg;
import io.switchboard.media.api.MediaRelay;
import io.switchboard.media.api.MediaSession;
import io.switchboard.media.api.RelayStatus;
import io.switchboard.media.api.StreamStats;

/**
 * Gogo shell commands for the relay, as the API has them: {@code media:status} (sessions, ports in
 * use, packets/s, drops) and {@code media:sessions} (each relayed call's peers and live quality).
 */
@Component(service = MediaCommands.class, property = { "osgi.command.scope=media", "osgi.command.function=status",
        "osgi.command.function=sessions" })
public class MediaCommands {

    private final MediaRelay relay;

    @Activate
    public MediaCommands(@Reference MediaRelay relay) {
        this.relay = relay;
    }

    public String status() {
        RelayStatus s = relay.status();
        return String.format("sessions %d, ports in use %d of %d, %.0f packets/s (in %d, out %d)%n"
                + "dropped: %d from strangers, %d not sent; media timeouts %d%n", s.sessions(), s.portsInUse(),
                s.portsTotal(), s.packetsPerSecond(), s.packetsIn(), s.packetsOut(), s.droppedStrangers(),
                s.droppedUnsent(), s.timeouts());
    }

    public String sessions() {
        StringBuilder sb = new StringBuilder(String.format("%-36s %-4s %6s %-22s %7s %6s %7s %5s%n", "call", "leg",
                "port", "sends to", "packets", "loss%", "jitter", "mos"));
        List<MediaSession> sessions = relay.sessions().stream().sorted(Comparator.comparing(MediaSession::callId)).toList();
        for (MediaSession session : sessions) {
            for (Leg leg : Leg.values()) {
                StreamStats q = session.stats().get(leg);
                sb.append(String.format("%-36s %-4s %6d %-22s %7d %6.1f %7.1f %5s%n", session.callId(), leg,
                        session.ports().get(leg), session.peer(leg).map(a -> a.getAddress().getHostAddress() + ":"
                                + a.getPort()).orElse("-"), q.packets(), q.lossPercent(), q.jitterMs(),
                        q.mos() == null ? "-" : String.format("%.2f", q.mos())));
            }
        }
        return sb.append(sessions.size()).append(" relayed call(s)").append(System.lineSeparator()).toString();
    }
}
