package io.switchboard.sip.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

/** Where a TCP stream of SIP messages stands, byte by byte as it may come. */
class MessageFramesTest {

    private static final String OPTIONS = "OPTIONS sip:a SIP/2.0\r\nVia: SIP/2.0/TCP h\r\nContent-Length: 0\r\n\r\n";
    private static final String MESSAGE = "MESSAGE sip:a SIP/2.0\r\nl:  5 \r\nCall-ID: x\r\n\r\nhello";

    private static void feed(MessageFrames f, String text) {
        byte[] b = text.getBytes(StandardCharsets.ISO_8859_1);
        f.feed(b, 0, b.length);
    }

    @Test
    void messagesAndKeepAlivesInOneRead() {
        MessageFrames f = new MessageFrames();
        feed(f, "\r\n\r\n" + OPTIONS + "\r\n\r\n" + MESSAGE + "\r\n");
        assertEquals(2, f.completed());
        assertFalse(f.inMessage(), "keep-alives between messages are no message");
    }

    @Test
    void aMessageSentByteByByteEndsWithItsBody() {
        MessageFrames f = new MessageFrames();
        String text = MESSAGE + OPTIONS.substring(0, 10);
        for (int i = 0; i < text.length(); i++) {
            feed(f, text.substring(i, i + 1));
            if (i == MESSAGE.length() - 2) {
                assertTrue(f.inMessage(), "one byte of the body to come");
                assertEquals(0, f.completed());
            }
        }
        assertEquals(1, f.completed());
        assertTrue(f.inMessage(), "the next one has begun");
    }

    @Test
    void aHalfSentMessageStaysOpen() {
        MessageFrames f = new MessageFrames();
        feed(f, "REGISTER sip:example.com SIP/2.0\r\nVia: SIP/2.0/TCP 127.0.0.2:5060\r\nContent-Length: 100\r\n\r\nab");
        assertTrue(f.inMessage());
        feed(f, "INVITE sip:x SIP/2.0\nContent-Length: 0\n");
        assertTrue(f.inMessage(), "still its body: 100 bytes were announced");
        assertEquals(0, f.completed());
    }

    @Test
    void bareLineFeedsAndAnyCaseOfTheHeader() {
        MessageFrames f = new MessageFrames();
        feed(f, "MESSAGE sip:a SIP/2.0\nCONTENT-LENGTH:3\n\nabc");
        assertEquals(1, f.completed());
        assertFalse(f.inMessage());
    }
}
