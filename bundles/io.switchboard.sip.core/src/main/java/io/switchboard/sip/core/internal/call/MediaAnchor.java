package io.switchboard.sip.core.internal.call;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.Supplier;
import java.util.regex.Pattern;

import io.switchboard.cdr.api.Quality;
import io.switchboard.media.api.Leg;
import io.switchboard.media.api.MediaException;
import io.switchboard.media.api.MediaRelay;
import io.switchboard.media.api.RelayMode;
import io.switchboard.media.api.StreamStats;
import io.switchboard.sip.stack.PacketSource;

/**
 * Puts a call's media through the relay when one is installed and either side of the call asks
 * for it: a trunk or a user by its own override, else by the default for trunks (always) or users
 * (only behind NAT). A side whose override is {@link RelayMode#NEVER} keeps the media direct. Every
 * SDP body between the legs of an anchored call is rewritten; without a relay bodies pass unchanged.
 * A call the recording setting names (its trunk, user or route) is anchored and recorded.
 */
public final class MediaAnchor {

    private static final Logger LOG = System.getLogger(MediaAnchor.class.getName());

    /** One side of a call as the policy sees it: a trunk or a user, and whether it is behind NAT. */
    record Side(String kind, String name, boolean natted) {
        static Side trunk(String name, boolean natted) {
            return new Side("trunk", name, natted);
        }

        static Side user(String name, boolean natted) {
            return new Side("user", name, natted);
        }

        /** @return the switch's user on this side, or null for a carrier */
        String user() {
            return kind.equals("user") ? name : null;
        }

        /** The caller's side: behind NAT when its SDP names another address than its packets came from. */
        static Side caller(Call call) {
            boolean natted = MediaAnchor.natted(call.aInvite.getRawContent(), PacketSource.of(call.aInvite).host());
            return call.trunkIn != null ? trunk(call.trunkIn, natted) : user(call.caller, natted);
        }
    }

    /**
     * @param overrides {@code trunk:NAME} or {@code user:NAME} to its mode
     * @param recorded {@code trunk:NAME}, {@code user:NAME}, {@code route:NAME} or {@code all}: the calls recorded
     */
    public record Policy(RelayMode trunks, RelayMode users, Map<String, RelayMode> overrides, Set<String> recorded,
            Set<String> noVideo) {

        /**
         * @param overrides entries {@code trunk:NAME=MODE} or {@code user:NAME=MODE}; a bad one is named by {@code setting}
         * @param recorded entries {@code trunk:NAME}, {@code user:NAME}, {@code route:NAME} or {@code all}
         */
        public static Policy of(String setting, String trunks, String users, String[] overrides, String[] recorded,
                String[] stripVideo) {
            Set<String> record = sides(setting, "recordCalls", recorded, "all|(trunk|user|route):[A-Za-z0-9._@+-]+",
                    "trunk:NAME, user:NAME, route:NAME or all");
            Set<String> noVideo = sides(setting, "stripVideo", stripVideo, "all|(trunk|user):[A-Za-z0-9._@+-]+",
                    "trunk:NAME, user:NAME or all");
            Map<String, RelayMode> map = new HashMap<>();
            for (String entry : overrides == null ? new String[0] : overrides) {
                for (String one : entry.split(",")) {
                    if (one.isBlank()) {
                        continue;
                    }
                    String[] kv = one.trim().split("=", 2);
                    if (kv.length != 2 || !kv[0].matches("(trunk|user):[A-Za-z0-9._@+-]+")) {
                        throw new IllegalArgumentException("Invalid setting " + setting + " mediaOverrides=" + one.trim()
                                + ": must be trunk:NAME=MODE or user:NAME=MODE");
                    }
                    map.put(kv[0].trim(), mode(setting, "mediaOverrides", kv[1]));
                }
            }
            return new Policy(mode(setting, "mediaTrunks", trunks), mode(setting, "mediaUsers", users), Map.copyOf(map),
                    Set.copyOf(record), Set.copyOf(noVideo));
        }

        /** @return the entries of a list setting of sides, each checked against {@code pattern} */
        private static Set<String> sides(String setting, String name, String[] entries, String pattern, String form) {
            Set<String> out = new HashSet<>();
            for (String entry : entries == null ? new String[0] : entries) {
                for (String one : entry.split(",")) {
                    if (one.isBlank()) {
                        continue;
                    }
                    if (!one.trim().matches(pattern)) {
                        throw new IllegalArgumentException("Invalid setting " + setting + " " + name + "=" + one.trim()
                                + ": must be " + form);
                    }
                    out.add(one.trim());
                }
            }
            return out;
        }

        /** @return whether a call between these sides goes without video */
        boolean stripsVideo(Side a, Side b) {
            return noVideo.contains("all") || noVideo.contains(a.kind() + ":" + a.name())
                    || noVideo.contains(b.kind() + ":" + b.name());
        }

        private static RelayMode mode(String setting, String name, String value) {
            try {
                return RelayMode.valueOf(value.trim().toUpperCase(Locale.ROOT).replace('-', '_'));
            } catch (RuntimeException e) {
                throw new IllegalArgumentException("Invalid setting " + setting + " " + name + "=" + value
                        + ": must be always, never or nat_only");
            }
        }

        /** @return whether a call between these sides has its media anchored */
        boolean anchors(Side a, Side b) {
            RelayMode ma = overrides.get(a.kind() + ":" + a.name());
            RelayMode mb = overrides.get(b.kind() + ":" + b.name());
            if (ma == RelayMode.NEVER || mb == RelayMode.NEVER) {
                return false;
            }
            return wants(ma != null ? ma : a.kind().equals("trunk") ? trunks : users, a.natted())
                    || wants(mb != null ? mb : b.kind().equals("trunk") ? trunks : users, b.natted());
        }

        /** @return whether a call between these sides, on this route (or null), is recorded */
        boolean records(Side a, Side b, String route) {
            return recorded.contains("all") || recorded.contains(a.kind() + ":" + a.name())
                    || recorded.contains(b.kind() + ":" + b.name()) || route != null && recorded.contains("route:" + route);
        }

        private static boolean wants(RelayMode mode, boolean natted) {
            return mode == RelayMode.ALWAYS || mode == RelayMode.NAT_ONLY && natted;
        }
    }

    private final Supplier<MediaRelay> relay;
    private final Policy policy;
    private final BiConsumer<String, Leg> timedOut;

    /** @param timedOut told the call's id and the silent leg when the relay's media timeout ends a call */
    MediaAnchor(Supplier<MediaRelay> relay, Policy policy, BiConsumer<String, Leg> timedOut) {
        this.relay = relay;
        this.policy = policy;
        this.timedOut = timedOut;
    }

    /**
     * The offer leg B gets: through the relay when the sides ask for it (a session is opened once per
     * call and kept across failover), else unchanged. Holds the call's monitor.
     */
    byte[] offer(Call call, Side a, Side b, byte[] offer) {
        call.noVideo = policy.stripsVideo(a, b);
        if (call.noVideo) {
            offer = Sdp.withoutVideo(offer);
        }
        MediaRelay r = relay.get();
        // a recorded call goes through the relay whatever the media policy says: nothing else hears it
        boolean record = policy.records(a, b, call.route);
        if (r == null || !record && !policy.anchors(a, b) && !call.switchAnswered()) {
            if (record) {
                LOG.log(Level.WARNING, "Call " + call.aCallId() + " is to be recorded but no media relay is installed");
            }
            release(call);
            return offer;
        }
        try {
            if (call.media == null) {
                String id = call.id;
                call.media = r.open(call.aCallId(), (leg, seconds) -> timedOut.accept(id, leg));
            }
            if (record) {
                record(call);
            }
            // who holds whom: the held party hears the holder's music class
            call.media.user(Leg.A, a.user());
            call.media.user(Leg.B, b.user());
            heardFrom(call, Leg.A, PacketSource.of(call.aInvite).host());
            // a late offer (INVITE without SDP) comes from leg B in its answer, and is rewritten there
            return offer == null || offer.length == 0 ? offer : call.media.rewrite(Leg.A, offer);
        } catch (MediaException e) {
            LOG.log(Level.WARNING, "Call " + call.aCallId() + " goes without the media relay: " + e.getMessage());
            release(call);
            return offer;
        }
    }

    /**
     * Opens the relay session of a call an anchored call target answers (an auto attendant that may hand it on).
     *
     * @return whether the call is on the relay; false without a relay or a free port (the target then takes the
     *         caller's media directly, and cannot hand the call on)
     */
    boolean anchorForTarget(Call call) {
        MediaRelay r = relay.get();
        if (r == null || call.media != null) {
            return call.media != null;
        }
        try {
            String id = call.id;
            call.media = r.open(call.aCallId(), (leg, seconds) -> timedOut.accept(id, leg));
            users(call);
            heardFrom(call, Leg.A, PacketSource.of(call.aInvite).host());
            return true;
        } catch (MediaException e) {
            LOG.log(Level.WARNING, "Call " + call.aCallId() + " goes to its call target without the relay: "
                    + e.getMessage());
            return false;
        }
    }

    /**
     * Tells the relay who is on each leg now (the caller's user, none for a carrier; the user who answered, none
     * for a target or a carrier): the held party hears the holder's music class. Holds the call's monitor.
     */
    static void users(Call call) {
        if (call.media != null) {
            call.media.user(Leg.A, call.trunkIn == null ? call.caller : null);
            call.media.user(Leg.B, call.calleeUser);
        }
    }

    /** @return the relay, or null when none is installed */
    MediaRelay relay() {
        return relay.get();
    }

    /**
     * Opens the relay session of a call the switch places (click-to-call).
     *
     * @param held an SDP for the other side that names no address yet: the relay sends it nothing
     * @return the offer for the user's phone, naming the relay
     */
    byte[] originate(Call call, byte[] held) throws MediaException {
        MediaRelay r = relay.get();
        if (r == null) {
            throw new MediaException("no media relay");
        }
        String id = call.id;
        call.media = r.open(call.aCallId(), (leg, seconds) -> timedOut.accept(id, leg));
        return call.media.offerFirst(Leg.A, held);
    }

    private static void record(Call call) {
        try {
            call.media.record();
        } catch (MediaException e) {
            LOG.log(Level.ERROR, "Call " + call.aCallId() + " is not recorded: " + e.getMessage());
        }
    }

    private static final Pattern ADDRESS = Pattern.compile("[0-9.]+|[0-9a-fA-F:]+");

    /** Where a leg's SIP really comes from: its media may latch only from there or its SDP's host. */
    static void heardFrom(Call call, Leg leg, String host) {
        if (call.media == null || host == null || !ADDRESS.matcher(host).matches()) {
            return; // a host name (a test's request) is not where packets come from
        }
        try {
            call.media.signalledFrom(leg, InetAddress.getByName(host)); // a literal: no lookup
        } catch (UnknownHostException e) {
            LOG.log(Level.DEBUG, "Not an address: " + host);
        }
    }

    /** Any other body between the legs of an anchored call: rewritten for the other leg. */
    byte[] body(Call call, boolean fromA, byte[] body) {
        if (call.media == null || body == null || body.length == 0) {
            return body;
        }
        try {
            return call.media.rewrite(fromA ? Leg.A : Leg.B, body);
        } catch (MediaException e) {
            LOG.log(Level.WARNING, "SDP of call " + call.aCallId() + " passed unchanged: " + e.getMessage());
            return body;
        }
    }

    /** Gives back the session of a call in setup that the next trunk does not want relayed. */
    static void release(Call call) {
        if (call.media != null) {
            call.media.close();
            call.media = null;
        }
    }

    static Quality quality(StreamStats s) {
        if (s == null || s.packets() == 0) {
            return Quality.NONE;
        }
        return new Quality(s.mos(), s.jitterMs(), s.lossPercent(), s.rttMs());
    }

    /** @return whether an SDP body names another address than the packet it came in: a phone behind NAT */
    static boolean natted(byte[] sdp, String sourceHost) {
        if (sdp == null || sourceHost == null) {
            return false;
        }
        String text = new String(sdp, StandardCharsets.UTF_8);
        for (String line : text.split("\r?\n")) {
            if (line.startsWith("c=IN IP4 ") || line.startsWith("c=IN IP6 ")) {
                String host = line.substring(9).trim();
                return !host.equals(sourceHost) && !host.equals("0.0.0.0");
            }
        }
        return false;
    }
}
