package io.switchboard.queue.core.internal;

import java.io.UncheckedIOException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;

import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;

import io.switchboard.media.audio.ClipPlayer;
import io.switchboard.phone.api.AudioSource;
import io.switchboard.phone.api.MediaLeg;
import io.switchboard.phone.api.PhoneEngine;
import io.switchboard.phone.api.PhoneException;
import io.switchboard.queue.api.AgentState;
import io.switchboard.queue.api.CallQueue;
import io.switchboard.sip.api.CallControl;
import io.switchboard.sip.api.calltarget.CallTarget;
import io.switchboard.sip.api.calltarget.TargetAnswer;
import io.switchboard.sip.api.calltarget.TargetCall;

/**
 * The agents' feature codes: log in, log out, pause (and again to be ready), alone for every queue the agent is in
 * or may log in to, or followed by a queue's name. The phone hears what was done, and the call ends.
 */
@Component(immediate = true, configurationPid = QueueSettings.PID)
public class AgentCodes {

    private static final Logger LOG = System.getLogger(AgentCodes.class.getName());

    private final QueueService queues;
    private final PhoneEngine engine;
    private final CallControl calls;
    private final QueuePrompts prompts = new QueuePrompts();
    private final List<ServiceRegistration<CallTarget>> registered = new ArrayList<>();

    private enum Action {
        LOG_IN, LOG_OUT, PAUSE
    }

    @Activate
    public AgentCodes(BundleContext context, @Reference QueueService queues, @Reference PhoneEngine engine,
            @Reference CallControl calls, QueueSettings settings) {
        this.queues = queues;
        this.engine = engine;
        this.calls = calls;
        register(context, settings.loginCode(), Action.LOG_IN);
        register(context, settings.logoutCode(), Action.LOG_OUT);
        register(context, settings.pauseCode(), Action.PAUSE);
    }

    @Deactivate
    void stop() {
        registered.forEach(ServiceRegistration::unregister);
    }

    private void register(BundleContext context, String code, Action action) {
        Dictionary<String, Object> props = new Hashtable<>();
        props.put(CallTarget.NAME, code);
        props.put(CallTarget.PREFIX, Boolean.TRUE);
        registered.add(context.registerService(CallTarget.class, new Code(code, action), props));
    }

    private final class Code implements CallTarget {
        private final String code;
        private final Action action;

        Code(String code, Action action) {
            this.code = code;
            this.action = action;
        }

        @Override
        public TargetAnswer offer(TargetCall call) {
            if (call.trunk() != null) {
                return TargetAnswer.refuse(403, "Agents' codes are for the switch's users");
            }
            if (call.sdpOffer() == null) {
                return TargetAnswer.refuse(488, "An agent's code needs an SDP offer");
            }
            String said = act(call.caller(), call.dialled().substring(Math.min(code.length(),
                    call.dialled().length())), action);
            Player player = new Player();
            try {
                MediaLeg leg = engine.answer(call.sdpOffer(), engine.hostFor(call.sdpOffer()), call.source(),
                        player, null, null, null);
                player.play(() -> {
                    calls.hangUp(call.callId());
                    leg.close();
                }, prompts.get(said));
                return TargetAnswer.answer(leg.sdpAnswer());
            } catch (PhoneException | UncheckedIOException e) {
                return TargetAnswer.refuse(488, "Cannot answer: " + e.getMessage());
            }
        }

        @Override
        public void ended(String callId, boolean byCaller) {
            // the prompt's end hangs up and closes the leg; a caller who left first changes nothing
        }
    }

    /** The engine's source of what the agent hears. */
    private static final class Player extends ClipPlayer implements AudioSource {
    }

    /** @return the prompt that says what was done */
    private String act(String user, String queue, Action action) {
        List<CallQueue> which = queue.isEmpty() ? queues.queues().stream().filter(q -> q.members().contains(user)
                || q.dynamic()).toList() : queues.queue(queue).map(List::of).orElse(List.of());
        String said = QueuePrompts.REFUSED;
        for (CallQueue q : which) {
            try {
                said = one(user, q, action);
            } catch (IllegalArgumentException e) {
                LOG.log(Level.INFO, "Agent code of " + user + " for queue " + q.name() + " refused: "
                        + e.getMessage());
            }
        }
        return said;
    }

    private String one(String user, CallQueue q, Action action) {
        boolean member = q.members().contains(user);
        AgentTable.Login login = queues.logins(q.name()).stream().filter(l -> l.agent().equals(user)).findFirst()
                .orElse(null);
        switch (action) {
            case LOG_IN -> {
                queues.agent(q.name(), user, AgentState.State.READY, null);
                return QueuePrompts.LOGGED_IN;
            }
            case LOG_OUT -> {
                queues.agent(q.name(), user, member ? AgentState.State.PAUSED : AgentState.State.LOGGED_OUT,
                        member ? "logged out" : null);
                return member ? QueuePrompts.PAUSED : QueuePrompts.LOGGED_OUT;
            }
            default -> {
                if (login != null && login.paused()) {
                    queues.agent(q.name(), user, AgentState.State.READY, null);
                    return QueuePrompts.RESUMED;
                }
                if (login == null && !member) {
                    throw new IllegalArgumentException(user + " is not logged in");
                }
                queues.agent(q.name(), user, AgentState.State.PAUSED, "paused by phone");
                return QueuePrompts.PAUSED;
            }
        }
    }
}
