package io.switchboard.media.api;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.osgi.annotation.versioning.ConsumerType;
import org.osgi.annotation.versioning.ProviderType;

/**
 * The media of one call through the relay: a pair of ports for each leg, the SDP of each leg
 * rewritten to name the relay's ports on the other, and the quality measured each way.
 */
@ProviderType
public interface MediaSession {

    /** What the switch hears back from a session while its call lasts. */
    @ConsumerType
    interface Listener {

        /** No RTP came from {@code leg} for the relay's media timeout: the call should end. */
        void timedOut(Leg leg, int seconds);
    }

    /** @return the call this session carries (the A leg's Call-ID) */
    String callId();

    /**
     * Rewrites an offer or answer that {@code from} sent, for the other leg: the connection and
     * media lines and {@code a=rtcp} name the relay's ports for the other leg, ICE candidates go.
     * The addresses the SDP names are where the relay sends to {@code from} until it latches onto
     * the address that leg's packets really come from.
     *
     * @param sdp the body as received
     * @return the body to send on
     * @throws MediaException when the body has no audio stream the relay can carry; every other
     *         stream (video, ...) is carried too, on ports of its own (since 1.3)
     */
    byte[] rewrite(Leg from, byte[] sdp) throws MediaException;

    /**
     * An offer to {@code to} for a call the switch places itself (click-to-call), before the other
     * leg has said anything: {@code sdp} gives the codecs and names no address ({@code c=... 0.0.0.0});
     * the offer names the relay's ports and address for {@code to}, so its phone sends at once (unlike
     * {@link #rewrite} of a hold, which keeps 0.0.0.0), and the relay sends the other leg nothing
     * until that leg's SDP comes (since 1.4).
     *
     * @throws MediaException when the body has no audio stream the relay can carry
     */
    byte[] offerFirst(Leg to, byte[] sdp) throws MediaException;

    /**
     * The address the leg's SIP messages really come from. Once told, the relay lets that leg's
     * media latch only from this address or the one its SDP names (any port: a NAT maps ports
     * anew), so that a stranger who sends first cannot take the stream; untold, any address may
     * latch within the window.
     */
    void signalledFrom(Leg leg, InetAddress sipSource);

    /** @return what the relay measured on the packets each leg sent, live while the call lasts */
    Map<Leg, StreamStats> stats();

    /**
     * @return the kinds of the streams the relay carries both ways, in the SDP's order ("audio",
     *         "video"); {@link #stats()} is the first audio stream's (since 1.3)
     */
    default List<String> streams() {
        return List.of("audio");
    }

    /**
     * @param stream a position in {@link #streams()}
     * @return what the relay measured on that stream's packets from each leg, empty for no such stream (since 1.3)
     */
    default Map<Leg, StreamStats> stats(int stream) {
        return stream == 0 ? stats() : Map.of();
    }

    /** @return the relay's RTP port facing each leg (of the first audio stream) */
    Map<Leg, Integer> ports();

    /** @return where the relay sends a leg's media: the address it latched onto, else the signalled one */
    Optional<InetSocketAddress> peer(Leg leg);

    /**
     * Records both directions from now on, into the relay's recordings folder. Calling it again
     * changes nothing.
     *
     * @throws MediaException when the recording cannot be started (the folder is not writable)
     */
    void record() throws MediaException;

    /** @return the call's recording once the session is closed; empty when it was not recorded */
    Optional<Recording> recording();

    /**
     * The call was answered: from now on the media timeout counts even if no packet ever comes, so
     * that an answered call whose media never starts ends instead of holding its ports for good
     * (since 1.2).
     */
    default void answered() {
    }

    /**
     * The switch's user whose phone is on the leg, or null for a carrier or none: when that user holds the call, the
     * other leg hears the music class the user chose, else the relay's (since 1.5).
     */
    default void user(Leg leg, String user) {
    }

    /** Ends the session and frees its ports, and finishes its recording; the figures stay readable. */
    void close();
}
