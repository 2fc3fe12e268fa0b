package io.switchboard.phone.core.internal;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.IntConsumer;

/**
 * Where the keys a far end presses (RFC 4733) are handed to the call's code: one thread of their own, in the order
 * they came, never the thread that received the packet. That thread holds the leg's lock, and may be the media
 * relay's, which carries every other call: a key's action (a voicemail deleted, a menu left) runs apart from both.
 */
final class Keys {

    private static final ExecutorService THREAD = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "switchboard-phone-keys");
        t.setDaemon(true);
        return t;
    });

    private Keys() {
    }

    static void press(IntConsumer digits, char key) {
        THREAD.execute(() -> digits.accept(key));
    }
}
