package io.switchboard.sip.handler.api;

import javax.sip.message.Response;

/**
 * Who sent a request, as digest authentication found.
 *
 * @param user the authenticated user, or null
 * @param challenge the answer to send instead when there is none (407, or 403 for wrong credentials)
 */
public record Caller(String user, Response challenge) {

    public boolean ok() {
        return user != null;
    }
}
