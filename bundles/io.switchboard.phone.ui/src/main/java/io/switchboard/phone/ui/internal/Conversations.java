package io.switchboard.phone.ui.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The text messages a console phone wrote and read while the console runs, oldest first, each with
 * the peer it went to or came from (a user's name or a number: the user part of a SIP address).
 */
final class Conversations {

    private static final int KEPT = 500;

    /**
     * One message of a conversation.
     *
     * @param state how it went: "Sending…", "Delivered", "Kept until … is online", "Refused (403)", or
     *        "" for one received
     */
    record Chat(Instant at, String peer, boolean outgoing, String text, String state) {
    }

    private final List<Chat> chats = new ArrayList<>();

    synchronized Chat received(String from, String text, Instant written) {
        return add(new Chat(written, peer(from), false, text, ""));
    }

    synchronized Chat sending(String to, String text) {
        return add(new Chat(Instant.now(), peer(to), true, text, "Sending…"));
    }

    /** Records the server's final answer to a message this phone sent. */
    synchronized void answered(Chat sent, int status) {
        int i = chats.indexOf(sent);
        if (i >= 0) {
            chats.set(i, new Chat(sent.at(), sent.peer(), true, sent.text(), state(sent.peer(), status)));
        }
    }

    /** @return the messages with this peer (every message when blank), oldest first */
    synchronized List<Chat> with(String peer) {
        String p = peer == null ? "" : peer(peer);
        return chats.stream().filter(c -> p.isEmpty() || c.peer().equalsIgnoreCase(p)).toList();
    }

    /** @return the peers, the one written with last first */
    synchronized List<String> peers() {
        List<String> out = new ArrayList<>();
        for (int i = chats.size() - 1; i >= 0; i--) {
            if (!out.contains(chats.get(i).peer())) {
                out.add(chats.get(i).peer());
            }
        }
        return out;
    }

    private Chat add(Chat chat) {
        chats.add(chat);
        while (chats.size() > KEPT) {
            chats.remove(0);
        }
        return chat;
    }

    static String state(String peer, int status) {
        return switch (status) {
            case 200 -> "Delivered";
            case 202 -> "Kept until " + peer + " is online";
            case 404 -> "No such user or number (404)";
            case 408 -> "No answer from the server";
            default -> "Refused (" + status + ")";
        };
    }

    /** @return "bob" for sip:bob@host, sips:bob@host;transport=tls or bob */
    static String peer(String address) {
        String a = address.trim();
        if (a.startsWith("<") && a.endsWith(">")) {
            a = a.substring(1, a.length() - 1);
        }
        a = a.replaceFirst("^sips?:", "");
        int at = a.indexOf('@');
        return at > 0 ? a.substring(0, at) : a;
    }
}
