package io.switchboard.conference.core.internal;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.switchboard.conference.api.Room;
import io.switchboard.phone.api.AudioSink;
import io.switchboard.phone.api.AudioSource;
import io.switchboard.phone.api.CallState;
import io.switchboard.phone.api.CallStats;
import io.switchboard.phone.api.Phone;
import io.switchboard.phone.api.PhoneAccount;
import io.switchboard.phone.api.PhoneCall;
import io.switchboard.phone.api.PhoneEngine;
import io.switchboard.phone.api.PhoneListener;
import io.switchboard.phone.api.Transport;
import io.switchboard.sip.api.provisioning.CallClass;
import io.switchboard.sip.api.provisioning.CallingPolicy;
import io.switchboard.sip.api.provisioning.SipUser;
import io.switchboard.sip.api.provisioning.UserService;

/**
 * Rooms' calls out: each room with invitations has a phone of the phone engine on the rooms' service
 * account, whose display name is the room's, so that the switch routes and limits these calls like
 * any user's (the account's class of service applies). The account's password lives in memory only:
 * it is set anew when this server first invites.
 */
final class Invites {

    private static final Logger LOG = System.getLogger(Invites.class.getName());

    /** What a call out tells the conference service. */
    interface Outcome {
        void answered(String callId);

        void ended(String callId, int status);

        void digit(String callId, int digit);
    }

    /** A call's audio until its member exists (the member needs the call's id, known once it is dialled). */
    static final class Audio implements AudioSource, AudioSink {
        volatile Member member;

        @Override
        public void read(short[] frame, int sampleRate) {
            Member m = member;
            if (m == null) {
                Arrays.fill(frame, (short) 0);
            } else {
                m.read(frame, sampleRate);
            }
        }

        @Override
        public void write(short[] frame, int sampleRate) {
            Member m = member;
            if (m != null) {
                m.write(frame, sampleRate);
            }
        }
    }

    private final PhoneEngine engine;
    private final UserService users;
    private final String user;
    private final CallClass callClass;
    private final String sipHost;
    private final int sipPort;
    private final Outcome outcome;
    private final Map<String, Phone> phones = new ConcurrentHashMap<>();
    private final Map<String, PhoneCall> calls = new ConcurrentHashMap<>();
    private String password;

    Invites(PhoneEngine engine, UserService users, ConferenceSettings settings, int sipPort, Outcome outcome) {
        this.engine = engine;
        this.users = users;
        this.user = settings.inviteUser();
        this.callClass = CallClass.valueOf(settings.inviteClass().trim().toUpperCase(Locale.ROOT));
        this.sipHost = settings.sipHost();
        this.sipPort = sipPort;
        this.outcome = outcome;
    }

    /** @return the SIP Call-ID of the room's call to {@code target}, which rings now */
    synchronized String dial(Room room, String target, Audio audio) {
        PhoneCall call = phones.computeIfAbsent(room.number(), n -> open(room)).dial(target, audio, audio);
        calls.put(call.id(), call);
        return call.id();
    }

    /** @return the figures of a call out, or null */
    CallStats stats(String callId) {
        PhoneCall call = calls.get(callId);
        return call == null ? null : call.stats();
    }

    /** @return whether the far end of a call out holds it (it sends nothing on purpose) */
    boolean held(String callId) {
        PhoneCall call = calls.get(callId);
        return call != null && call.state() == CallState.HELD;
    }

    /** Hangs up a call out still ringing or answered. */
    void hangUp(String callId) {
        PhoneCall call = calls.remove(callId);
        if (call != null && call.state() != CallState.ENDED) {
            call.hangup();
        }
    }

    /** The room's bridge closed: its phone goes with it. */
    void closed(String number) {
        Phone p = phones.remove(number);
        if (p != null) {
            p.close();
        }
    }

    void close() {
        phones.values().forEach(Phone::close);
        phones.clear();
    }

    private Phone open(Room room) {
        if (password == null) {
            byte[] secret = new byte[18];
            new SecureRandom().nextBytes(secret);
            String fresh = Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
            boolean made = users.user(user).isEmpty();
            users.save(new SipUser(user, "Conference rooms", true, null, null), fresh);
            if (made) {
                // an admin may change it later like any user's; it is not set again
                users.savePolicy(user, new CallingPolicy(callClass, null, null));
            }
            password = fresh;
        }
        String name = room.name() == null || room.name().isBlank() ? "Conference " + room.number() : room.name();
        return engine.open(new PhoneAccount(user, sipHost, password, sipHost, sipPort, Transport.UDP, name, 0),
                new PhoneListener() {
                    @Override
                    public void stateChanged(PhoneCall call, CallState state) {
                        if (state == CallState.CONNECTED && call.answered() != null) {
                            outcome.answered(call.id());
                        } else if (state == CallState.ENDED) {
                            calls.remove(call.id());
                            int status = call.answered() != null ? 200
                                    : call.failureCode() > 0 ? call.failureCode() : 408;
                            if (status == 401 || status == 403 || status == 407) {
                                LOG.log(Level.WARNING, "The rooms' account " + user + " was refused (" + status
                                        + "): another server may have set its password; it is set anew");
                                renew();
                            }
                            outcome.ended(call.id(), status);
                        }
                    }

                    @Override
                    public void dtmf(PhoneCall call, char digit) {
                        outcome.digit(call.id(), digit);
                    }
                });
    }

    /** Next invitation sets the password again (and opens the rooms' phones with it). */
    private synchronized void renew() {
        password = null;
        close();
    }
}
