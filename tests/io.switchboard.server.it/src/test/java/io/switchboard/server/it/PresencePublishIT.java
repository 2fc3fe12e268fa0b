package io.switchboard.server.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * PUBLISH (RFC 3903) over the wire, its answers one by one: a publication gets 200 with an entity
 * tag; a refresh and a removal name it and get a new one; a tag the switch never gave gets 412; an
 * interval under a minute 423 with Min-Expires; publishing for another user 403; a package that
 * takes no publications 489 naming the one that does; a new publication without a body 400.
 */
class PresencePublishIT {

    private static final String[] ADMIN = { "admin", "presence-publish-it-secret" };
    private static final String PIDF = "<?xml version=\"1.0\"?><presence xmlns=\"urn:ietf:params:xml:ns:pidf\" "
            + "entity=\"sip:dave@127.0.0.1\"><tuple id=\"t1\"><status><basic>closed</basic></status></tuple></presence>";

    @TempDir
    Path base;

    @Test
    void eachAnswerOfPublish() throws Exception {
        Files.createDirectories(base.resolve("etc"));
        Files.writeString(base.resolve("etc/io.switchboard.sip.cfg"), "algorithms = MD5\n");
        try (ServerProcess server = ServerProcess.start(base, Map.of("SWITCHBOARD_ADMIN_PASSWORD", ADMIN[1]));
                RawSip phone = new RawSip()) {
            server.awaitSipAlgorithms(ADMIN, "[\"MD5\"]");
            for (String user : new String[] { "dave", "carol" }) {
                assertEquals(201, server.put("/sip/users/" + user, "{\"password\":\"" + user + "-password-9\"}", ADMIN)
                        .statusCode());
            }
            RawSip.Reply published = publish(phone, server, "dave", "Expires: 600\nContent-Type: application/pidf+xml",
                    PIDF);
            assertEquals(200, published.status(), published.text());
            String tag = header(published, "SIP-ETag");
            assertTrue(tag.length() >= 16, published.text());

            RawSip.Reply refreshed = publish(phone, server, "dave", "Expires: 600\nSIP-If-Match: " + tag, "");
            assertEquals(200, refreshed.status(), refreshed.text());
            String newTag = header(refreshed, "SIP-ETag");
            assertNotEquals(tag, newTag, "a refresh gets a new tag");
            assertEquals(412, publish(phone, server, "dave", "Expires: 600\nSIP-If-Match: " + tag, "").status(),
                    "the old tag is gone");
            assertEquals(412, publish(phone, server, "dave", "Expires: 600\nSIP-If-Match: never-given", "").status());
            RawSip.Reply brief = publish(phone, server, "dave", "Expires: 10\nContent-Type: application/pidf+xml", PIDF);
            assertEquals(423, brief.status(), brief.text());
            assertTrue(brief.text().contains("Min-Expires: 60"), brief.text());
            assertEquals(400, publish(phone, server, "dave", "Expires: 600", "").status(), "a new one needs a body");
            RawSip.Reply removed = publish(phone, server, "dave", "Expires: 0\nSIP-If-Match: " + newTag, "");
            assertEquals(200, removed.status(), removed.text());

            RawSip.Reply forOther = TextMessages.request(phone, server.sipPort, "PUBLISH", "carol", "dave",
                    "Event: presence\nExpires: 600\nContent-Type: application/pidf+xml", PIDF, "carol", "carol-password-9");
            assertEquals(403, forOther.status(), forOther.text());
            RawSip.Reply dialog = TextMessages.request(phone, server.sipPort, "PUBLISH", "dave", "dave",
                    "Event: dialog\nExpires: 600\nContent-Type: application/dialog-info+xml", "<dialog-info/>", "dave",
                    "dave-password-9");
            assertEquals(489, dialog.status(), dialog.text());
            assertTrue(dialog.text().contains("Allow-Events: presence"), dialog.text());
        }
    }

    private static RawSip.Reply publish(RawSip phone, ServerProcess server, String user, String headers, String body)
            throws Exception {
        return TextMessages.request(phone, server.sipPort, "PUBLISH", user, user, "Event: presence\n" + headers, body,
                user, user + "-password-9");
    }

    private static String header(RawSip.Reply reply, String name) {
        for (String line : reply.text().split("\r?\n")) {
            if (line.regionMatches(true, 0, name + ":", 0, name.length() + 1)) {
                return line.substring(name.length() + 1).trim();
            }
        }
        throw new AssertionError("no " + name + " in " + reply.text());
    }
}
