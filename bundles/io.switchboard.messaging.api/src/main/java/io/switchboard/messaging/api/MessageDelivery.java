package io.switchboard.messaging.api;

import java.util.concurrent.CompletionStage;

import org.osgi.annotation.versioning.ProviderType;

/** The switch's side: sends a message to the phones of its user. */
@ProviderType
public interface MessageDelivery {

    /**
     * Sends the message to every registered phone of its user.
     *
     * @return completes with the best status a phone answered (2xx when one took it), 480 when no
     *         phone is registered, 408 when none answered
     */
    CompletionStage<Integer> deliver(TextMessage message);
}
