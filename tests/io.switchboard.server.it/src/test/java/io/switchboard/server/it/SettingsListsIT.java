package io.switchboard.server.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Lists in {@code .cfg} files as the documentation writes them: {@code blockedDestinations = +882,
 * +883, +979} blocks the three prefixes (it was one bad entry, refused, and the switch ran with no
 * blocklist). A refused change of a security setting while the switch runs is an error naming the
 * setting, and the last good value stays. Checked with the route simulator, which judges as calls are.
 */
class SettingsListsIT {

    private static final String[] ADMIN = { "admin", "settings-lists-it-secret" };

    @TempDir
    static Path base;
    private static ServerProcess server;
    private static Path calling;

    @BeforeAll
    static void start() throws Exception {
        Path etc = Files.createDirectories(base.resolve("etc"));
        calling = Files.writeString(etc.resolve("io.switchboard.sip.calling.cfg"),
                "blockedDestinations = +882, +883, +979\n");
        server = ServerProcess.start(base, Map.of("SWITCHBOARD_ADMIN_PASSWORD", ADMIN[1]));
        assertEquals(201, server.put("/sip/users/dave",
                "{\"password\":\"caller-password-1\",\"callClass\":\"premium\"}",
                ADMIN).statusCode());
        int carrier = ServerProcess.freePort();
        assertEquals(201, server.put("/sip/trunks/carrier", "{\"host\":\"127.0.0.1\",\"port\":" + carrier
                + ",\"addresses\":[\"127.0.0.1:" + carrier + "\"],\"probe\":false}", ADMIN).statusCode());
        assertEquals(201, server.put("/sip/routes/out", "{\"pattern\":\"+.\",\"trunks\":[\"carrier\"]}", ADMIN)
                .statusCode());
    }

    @AfterAll
    static void stop() throws Exception {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void aBlocklistWrittenAsTheDocsWriteItBlocksEachPrefix() throws Exception {
        blocked("+88212345678", "+882");
        blocked("+97912345678", "+979");
        assertEquals("TRUNKS", simulate("+14155550100").path("outcome").asText(), "other numbers go out");
    }

    @Test
    void aRefusedChangeKeepsTheLastGoodBlocklist() throws Exception {
        Files.writeString(calling, "blockedDestinations = +882, not-a-prefix\n");
        server.awaitOutput("Invalid setting io.switchboard.sip.calling blockedDestinations entry 'not-a-prefix'");
        String line = server.output().lines().filter(l -> l.contains("Invalid setting io.switchboard.sip.calling"))
                .findFirst().orElseThrow();
        assertTrue(line.contains("SEVERE") && line.contains("stay in force"), line);
        blocked("+97912345678", "+979");
        blocked("+88312345678", "+883");

        Files.writeString(calling, "blockedDestinations = +882, +883, +979, +4487\n");
        for (int i = 0; i < 100 && !"REJECTED".equals(simulate("+448712345678").path("outcome").asText()); i++) {
            Thread.sleep(100);
        }
        blocked("+448712345678", "+4487");
    }

    private static void blocked(String number, String prefix) throws Exception {
        JsonNode decision = simulate(number);
        assertEquals("REJECTED", decision.path("outcome").asText(), decision.toString());
        assertTrue(decision.toString().contains("Blocked destination: " + number + " starts with " + prefix),
                decision.toString());
    }

    private static JsonNode simulate(String number) throws Exception {
        return server.getJson("/sip/simulate?caller=dave&number=" + number.replace("+", "%2B"), ADMIN);
    }
}
