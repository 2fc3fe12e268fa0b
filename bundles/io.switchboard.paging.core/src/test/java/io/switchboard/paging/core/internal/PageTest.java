package io.switchboard.paging.core.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.switchboard.paging.api.PageGroup;
import io.switchboard.phone.api.CallState;
import io.switchboard.phone.api.MediaLeg;
import io.switchboard.phone.api.Phone;
import io.switchboard.phone.api.PhoneCall;
import io.switchboard.sip.api.CallControl;

/** A page's life: who is called and how, who is passed by, and when the page ends on its own. */
class PageTest {

    private final ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor();
    private final Map<String, CallState> states = new ConcurrentHashMap<>();
    private final List<String> dialled = new ArrayList<>();
    private final List<String> hungUp = new ArrayList<>();
    private final List<String> switchHungUp = new ArrayList<>();
    private final Map<String, String> tags = new ConcurrentHashMap<>();

    @AfterEach
    void stop() {
        timers.shutdownNow();
    }

    @Test
    void eachMemberIsAskedToAnswerOnItsOwnAndTheRecordNamesWhoDid() {
        Page page = page(new PageGroup("800", List.of("gina", "hank"), false, null, 1), 8);
        page.stateChanged(call("gina"), set("gina", CallState.CONNECTED));
        assertEquals(List.of("gina one way answer-after=0", "hank one way answer-after=0"), dialled);
        assertEquals("gina", tags.get("page-call/paged"));
        assertEquals("800", tags.get("gina/page"), "the member's own call is tagged too");
        page.end();
        assertEquals(List.of("gina", "hank"), hungUp, "the caller hung up: every member's call ends with it");
    }

    @Test
    void aPageWhoseLastPhoneIsGoneEnds() {
        Page page = page(new PageGroup("800", List.of("gina", "hank"), true, null, 1), 8);
        page.stateChanged(call("gina"), set("gina", CallState.ENDED));
        assertTrue(switchHungUp.isEmpty(), "hank still rings");
        page.stateChanged(call("hank"), set("hank", CallState.ENDED));
        assertEquals(List.of("page-call"), switchHungUp);
    }

    @Test
    void aPageNobodyAnsweredEndsWhenTheWaitIsOver() throws Exception {
        page(new PageGroup("800", List.of("gina"), false, null, 1), 1);
        timers.schedule(() -> null, 1500, TimeUnit.MILLISECONDS).get();
        assertEquals(List.of("gina"), hungUp, "the phone that rang on is passed by");
        assertEquals(List.of("page-call"), switchHungUp);
    }

    private Page page(PageGroup group, int answerSeconds) {
        Page page = new Page("page-call", group, control(), true, () -> {
        });
        page.start(phone(), leg(), "192.0.2.1", timers, answerSeconds);
        return page;
    }

    private CallState set(String member, CallState state) {
        states.put(member, state);
        return state;
    }

    private Phone phone() {
        return fake(Phone.class, (name, args) -> {
            if (name.equals("dial") && args.length == 5) {
                String member = (String) args[0];
                @SuppressWarnings("unchecked")
                Map<String, String> headers = (Map<String, String>) args[1];
                dialled.add(member + ((Boolean) args[2] ? " one way " : " both ways ")
                        + headers.get("Call-Info").substring(headers.get("Call-Info").indexOf(';') + 1));
                states.put(member, CallState.RINGING);
                return call(member);
            }
            return null;
        });
    }

    private PhoneCall call(String member) {
        return fake(PhoneCall.class, (name, args) -> switch (name) {
            case "id" -> member;
            case "state" -> states.get(member);
            case "failureCode" -> 0;
            case "hangup" -> {
                hungUp.add(member);
                states.put(member, CallState.ENDED);
                yield null;
            }
            default -> null;
        });
    }

    private CallControl control() {
        return fake(CallControl.class, (name, args) -> switch (name) {
            case "hangUp" -> switchHungUp.add((String) args[0]);
            case "tag" -> tags.put(args[0] + "/" + args[1], (String) args[2]) != null || true;
            default -> null;
        });
    }

    private static MediaLeg leg() {
        return fake(MediaLeg.class, (name, args) -> null);
    }

    interface Answer {
        Object answer(String method, Object[] args);
    }

    private static <T> T fake(Class<T> type, Answer answer) {
        return type.cast(Proxy.newProxyInstance(PageTest.class.getClassLoader(), new Class<?>[] { type },
                (proxy, method, args) -> answer.answer(method.getName(), args == null ? new Object[0] : args)));
    }
}
