package io.switchboard.attendant.core.internal;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;

import io.switchboard.attendant.api.Menu;
import io.switchboard.media.audio.Clip;
import io.switchboard.sip.api.routing.RouteDecision;
import io.switchboard.sip.api.routing.RouteDecision.Outcome;

/** What a menu may not be saved with: each refusal names the field, so no caller is stranded or left silent. */
class MenuCheckTest {

    @TempDir
    Path folder;

    private MenuCheck check() {
        Set<String> users = Set.of("alice", "201");
        return new MenuCheck(users::contains, r -> switch (r.dialled()) {
            case "201", "600" -> decision(Outcome.USER, r.dialled(), false);
            case "911" -> decision(Outcome.TRUNKS, r.dialled(), true);
            case "+15559990000" -> decision(Outcome.TRUNKS, r.dialled(), false);
            default -> new RouteDecision(Outcome.REJECTED, 404, null, null, null, r.dialled(), null, null, List.of(),
                    List.of("no route to " + r.dialled()));
        }, new Prompts(folder), name -> name.equals("801") ? Optional.of(menu("801", Map.of())) : Optional.empty());
    }

    private static RouteDecision decision(Outcome o, String dialled, boolean emergency) {
        return new RouteDecision(o, 0, dialled, null, null, dialled, null, null, List.of(), List.of(), emergency);
    }

    private static Menu menu(String name, Map<String, String> keys) {
        return new Menu(name, Prompts.WELCOME, keys, false, 5, 2, null, null, null, 0);
    }

    private void refused(String field, Executable saving) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, saving);
        assertTrue(e.getMessage().startsWith(field), e.getMessage());
    }

    @Test
    void aMenuOfUsersMenusAndMailboxesPasses() throws Exception {
        check().check(menu("800", Map.of("1", "201", "2", "menu:801", "3", "menu:800", "0", "voicemail:alice",
                "#", "600")));
        new Clip(new short[800], 8000).write(folder.resolve("office.wav"));
        check().check(new Menu("800", "office", Map.of(), true, 5, 2, "201", "voicemail:alice", null, 0));
    }

    @Test
    void whatWouldStrandOrSilenceACallerIsRefusedByName() throws Exception {
        MenuCheck c = check();
        refused("keys.1", () -> c.check(menu("800", Map.of("1", "+15559990000"))));
        refused("keys.1", () -> c.check(menu("800", Map.of("1", "911"))));
        refused("keys.1", () -> c.check(menu("800", Map.of("1", "7777"))));
        refused("keys.2", () -> c.check(menu("800", Map.of("2", "menu:nope"))));
        refused("keys.0", () -> c.check(menu("800", Map.of("0", "voicemail:nobody"))));
        refused("keys", () -> c.check(menu("800", Map.of("12", "201"))));
        refused("name", () -> c.check(menu("201", Map.of())));
        refused("name", () -> c.check(menu("a b", Map.of())));
        refused("greeting", () -> c.check(new Menu("800", "office", Map.of(), false, 5, 2, null, null, null, 0)));
        Files.writeString(folder.resolve("broken.wav"), "not a wav");
        refused("greeting", () -> c.check(new Menu("800", "broken", Map.of(), false, 5, 2, null, null, null, 0)));
        refused("timeoutSeconds", () -> c.check(new Menu("800", "welcome", Map.of(), false, 0, 2, null, null, null,
                0)));
        refused("retries", () -> c.check(new Menu("800", "welcome", Map.of(), false, 5, 11, null, null, null, 0)));
        refused("timeoutDestination", () -> c.check(new Menu("800", "welcome", Map.of(), false, 5, 2,
                "+15559990000", null, null, 0)));
    }
}
