package io.switchboard.mgmt.client;

import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Voicemail of the management API ({@code /voicemail}): a user's mailbox settings and messages, a
 * message's audio (operators). Blocks like {@link ManagementClient}: call it from a job.
 *
 * @since 1.10
 */
public final class VoicemailClient {

    /** A voice message as the API lists it. */
    public record VoiceMessage(long id, String mailbox, String caller, String callerName, String callId,
            Instant received, int seconds, boolean heard, String mail) {
    }

    /**
     * A mailbox's settings and counts.
     *
     * @param enabled whether calls that find the user go to the mailbox
     * @param unsolicited whether the owner's phones are told of messages without subscribing (since 1.13)
     */
    public record Mailbox(String user, boolean enabled, String email, boolean deleteAfterMail, boolean pinSet,
            int newMessages, int oldMessages, boolean unsolicited) {

        /** The settings of version 1.12. */
        public Mailbox(String user, boolean enabled, String email, boolean deleteAfterMail, boolean pinSet,
                int newMessages, int oldMessages) {
            this(user, enabled, email, deleteAfterMail, pinSet, newMessages, oldMessages, false);
        }
    }

    private final ManagementClient api;

    public VoicemailClient(ManagementClient api) {
        this.api = api;
    }

    /** @return the user's messages, newest first */
    public List<VoiceMessage> messages(String user) throws ManagementException {
        return ApiCalls.list(api.get("voicemail/mailboxes/" + ApiCalls.path(user) + "/messages"), VoiceMessage.class);
    }

    public Mailbox mailbox(String user) throws ManagementException {
        return mailbox(api.get("voicemail/mailboxes/" + ApiCalls.path(user)));
    }

    /**
     * @param enabled whether calls that find the user go to the mailbox
     * @param email where new messages are mailed, or null for nowhere
     */
    public Mailbox save(String user, boolean enabled, String email, boolean deleteAfterMail) throws ManagementException {
        return mailbox(ApiCalls.put(api, "voicemail/mailboxes/" + ApiCalls.path(user), body(enabled, email,
                deleteAfterMail)));
    }

    /**
     * @param unsolicited whether the owner's phones are told of messages without subscribing
     * @since 1.13
     */
    public Mailbox save(String user, boolean enabled, String email, boolean deleteAfterMail, boolean unsolicited)
            throws ManagementException {
        Map<String, Object> body = body(enabled, email, deleteAfterMail);
        body.put("unsolicited", unsolicited);
        return mailbox(ApiCalls.put(api, "voicemail/mailboxes/" + ApiCalls.path(user), body));
    }

    private static Map<String, Object> body(boolean enabled, String email, boolean deleteAfterMail) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("enabled", enabled);
        body.put("email", email == null || email.isBlank() ? null : email.trim());
        body.put("deleteAfterMail", deleteAfterMail);
        return body;
    }

    public void heard(long id, boolean heard) throws ManagementException {
        ApiCalls.put(api, "voicemail/messages/" + id, Map.of("heard", heard));
    }

    public boolean delete(long id) throws ManagementException {
        return ApiCalls.delete(api, "voicemail/messages/" + id);
    }

    /** @return the message's WAV (operators and admins; a viewer gets 403) */
    public byte[] audio(long id) throws ManagementException {
        try (InputStream in = api.stream("voicemail/messages/" + id + "/audio")) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new ManagementException("Cannot read the audio of message " + id + ": " + e.getMessage(), 0, e);
        }
    }

    private static Mailbox mailbox(JsonNode n) {
        return new Mailbox(n.path("user").asText(), n.path("enabled").asBoolean(), n.path("email").isNull() ? null
                : n.path("email").asText(null), n.path("deleteAfterMail").asBoolean(), n.path("pinSet").asBoolean(),
                n.path("new").asInt(), n.path("old").asInt(), n.path("unsolicited").asBoolean());
    }
}
