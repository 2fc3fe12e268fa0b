package io.switchboard.conference.core.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import javax.xml.parsers.DocumentBuilderFactory;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;

import io.switchboard.conference.api.Participant;
import io.switchboard.conference.api.Room;

class RosterAndRecordingTest {

    @TempDir
    Path dir;

    @Test
    void theRosterIsAConferenceInfoDocumentOfThoseIn() throws Exception {
        Room room = new Room("7001", "Sales & support", null, null, 0, false, true, false);
        List<Participant> people = List.of(
                new Participant("c1", "7001", "alice", "Alice", Instant.parse("2026-11-26T10:00:00Z"), true, false,
                        true, 16000),
                new Participant("c2", "7001", "+15550100", null, Instant.parse("2026-11-26T10:01:00Z"), false, true,
                        false, 8000),
                new Participant("c3", "7001", "bob", null, null, false, false, false, 8000)); // typing the PIN
        byte[] xml = RosterPackage.document(room, people, "sip:7001@switch.example.com", 3);
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        Document d = f.newDocumentBuilder().parse(new ByteArrayInputStream(xml));
        String text = new String(xml, StandardCharsets.UTF_8);
        assertEquals(RosterPackage.NS, d.getDocumentElement().getNamespaceURI());
        assertEquals("3", d.getDocumentElement().getAttribute("version"));
        assertEquals("2", d.getElementsByTagNameNS(RosterPackage.NS, "user-count").item(0).getTextContent(),
                "bob, still typing his PIN, is not in yet: " + text);
        assertEquals(2, d.getElementsByTagNameNS(RosterPackage.NS, "user").getLength());
        assertTrue(text.contains("entity=\"sip:alice@switch.example.com\""), text);
        assertTrue(text.contains("<display-text>Sales &amp; support</display-text>"), "escaped: " + text);
        assertTrue(text.contains("<entry>moderator</entry>") && text.contains("<status>recvonly</status>"), text);
    }

    @Test
    void aRecordingIsAPlayableWavOfTheMixAsItCame() throws Exception {
        Path file = dir.resolve("7001/20261126-100000.wav");
        MixRecording r = new MixRecording(file);
        short[] frame = new short[Pcm.WIDE];
        for (int f = 0; f < 50; f++) { // one second of a 1 kHz tone
            for (int i = 0; i < Pcm.WIDE; i++) {
                frame[i] = (short) (8000 * Math.sin(2 * Math.PI * 1000 * (f * Pcm.WIDE + i) / 16000.0));
            }
            r.write(frame);
        }
        r.close();
        try (AudioInputStream in = AudioSystem.getAudioInputStream(file.toFile())) {
            assertEquals(16000f, in.getFormat().getSampleRate());
            assertEquals(16000, in.getFrameLength(), "every frame written, the header's length filled in");
        }
    }
}
