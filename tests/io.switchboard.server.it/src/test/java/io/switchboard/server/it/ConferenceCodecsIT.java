package io.switchboard.server.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;

import io.switchboard.phone.api.Phone;
import io.switchboard.phone.api.PhoneCall;
import io.switchboard.phone.api.PhoneListener;
import io.switchboard.phone.core.internal.PhoneEngineImpl;
import io.switchboard.testing.Baresip;
import io.switchboard.testing.Tones;

/**
 * Ten phones in one room: five baresip phones (three with G.711, two with G.722) and five of the
 * phone engine (G.711, two G.722, two Opus), each playing a quiet tone of its own (quiet,
 * so that nine of them together do not clip). Each one's recording holds the nine others' tones far
 * above its own, and the roster says who hears wideband. A tone is measured as a detector hears it:
 * Goertzel over 100 ms blocks, the median of the blocks; over the whole file a tone would count only
 * while its phase stayed exact for seconds, which baresip's own clock does not promise.
 */
@Tag("conference-codecs") // runs in the pom's execution of that name only
class ConferenceCodecsIT {

    private static final String[] ADMIN = { "admin", "conference-codecs-it-secret" };
    /** Within G.711's band, apart enough for Goertzel over seconds; one per phone. */
    private static final int[] HZ = { 400, 550, 700, 850, 1000, 1300, 1600, 1900, 2300, 2800 };
    private static final int AMPLITUDE = 2500;
    private static final int BLOCK_MS = 100;
    /** A tone of AMPLITUDE over a block is about 1e9; 20 dB under that is no longer one phone talking. */
    private static final double HEARD = 1e7;

    @TempDir
    Path base;

    /** A phone of the test: who, its tone, where its recording is once it hung up. */
    private record Member(String user, int hz, Baresip baresip, PhoneCall call, Path heard, boolean opus) {
        Path recording() throws Exception {
            return baresip != null ? baresip.lastHeard() : heard;
        }
    }

    @Test
    void tenPhonesOfThreeCodecsEachHearTheNineOthers() throws Exception {
        // baresip 1.0's Opus phones are not among them: now and then their tone reached the room 20 dB
        // weak in every receiver's recording, run after run with nothing changed (not explained yet)
        String[][] baresips = { { "PCMU", "8000", "1" }, { "PCMU", "8000", "1" }, { "PCMU", "8000", "1" },
                { "G722/16000/1", "16000", "1" }, { "G722/16000/1", "16000", "1" } };
        String[] engineCodecs = { "PCMU", "G722", "opus", "opus", "G722" };
        String others = otherProcesses();
        try (ServerProcess server = ServerProcess.start(base, Map.of("SWITCHBOARD_ADMIN_PASSWORD", ADMIN[1]));
                PhoneEngineImpl engine = new PhoneEngineImpl()) {
            server.awaitSip(ADMIN);
            List<String> users = new ArrayList<>();
            for (int i = 0; i < HZ.length; i++) {
                users.add("p" + i);
                users.add("password-of-p" + i);
            }
            PhoneChecks.users(server, ADMIN, users.toArray(String[]::new));
            assertEquals(201, server.put("/conference/rooms/7010", "{\"name\":\"Ten\",\"tones\":false}", ADMIN)
                    .statusCode());
            List<Member> members = new ArrayList<>();
            List<AutoCloseable> open = new ArrayList<>();
            try {
                for (int i = 0; i < baresips.length; i++) {
                    String[] c = baresips[i];
                    Path tone = Tones.write(base.resolve("p" + i + ".wav"), HZ[i], 60, Integer.parseInt(c[1]),
                            Integer.parseInt(c[2]), AMPLITUDE);
                    Baresip b = new Baresip(base.resolve("p" + i), "<sip:p" + i + "@127.0.0.1:" + server.sipPort
                            + ">;auth_pass=password-of-p" + i + ";audio_codecs=" + c[0], tone,
                            List.of("module g722.so", "module opus.so"));
                    open.add(b);
                    members.add(new Member("p" + i, HZ[i], b, null, null, c[0].startsWith("opus")));
                }
                for (int j = 0; j < engineCodecs.length; j++) {
                    int i = baresips.length + j;
                    Phone p = engine.open(PhoneChecks.account(server, "p" + i, "password-of-p" + i),
                            new PhoneListener() {
                            });
                    open.add(p::close);
                    p.codecs(List.of(engineCodecs[j]));
                    Path tone = Tones.write(base.resolve("p" + i + ".wav"), HZ[i], 60, 48000, 1, AMPLITUDE);
                    Path heard = base.resolve("p" + i + "-heard.wav");
                    members.add(new Member("p" + i, HZ[i], null, p.dial("7010", engine.play(tone),
                            engine.record(heard)), heard, engineCodecs[j].equals("opus")));
                }
                for (Member m : members) {
                    if (m.baresip() != null) {
                        PhoneChecks.await(m.user() + " registered", () -> PhoneChecks.registered(server, m.user(),
                                ADMIN), m.baresip()::output);
                        m.baresip().command("dial", "sip:7010@127.0.0.1:" + server.sipPort);
                    }
                }
                PhoneChecks.await("ten in room 7010", () -> roster(server).size() == 10, () -> {
                    StringBuilder out = new StringBuilder(roster(server).toString());
                    for (Member m : members) {
                        if (m.baresip() != null && !roster(server).toString().contains("\"" + m.user() + "\"")) {
                            out.append("\n").append(m.user()).append(" says: ").append(m.baresip().output());
                        }
                    }
                    return out.toString();
                });
                JsonNode roster = roster(server);
                Thread.sleep(8_000);
                JsonNode during = roster(server);
                int wide = 0;
                for (JsonNode p : roster) {
                    wide += p.path("sampleRate").asInt() > 8000 ? 1 : 0;
                }
                assertEquals(6, wide, "G.722 and Opus participants hear wideband: " + roster);
                for (Member m : members) {
                    if (m.baresip() != null) {
                        m.baresip().command("hangup", "");
                    } else {
                        m.call().hangup();
                    }
                }
                PhoneChecks.await("the room empty", () -> roster(server).isEmpty());
                Thread.sleep(500); // baresip closes its recording
                List<String> problems = new ArrayList<>();
                for (Member m : members) {
                    Path heard = m.recording();
                    double own = Tones.medianPower(heard, m.hz(), BLOCK_MS);
                    for (int hz : HZ) {
                        double other = Tones.medianPower(heard, hz, BLOCK_MS);
                        // Opus's own coding noise lies about 17 dB under a mix of nine quiet tones
                        double margin = m.opus() ? 20 : 100;
                        if (hz != m.hz() && (other < HEARD || other < margin * own)) {
                            problems.add(m.user() + " (" + m.hz() + " Hz) hears " + hz + " Hz at " + other
                                    + " against its own " + own + ", per second: " + timeline(heard, hz));
                        }
                    }
                }
                assertTrue(problems.isEmpty(), String.join("\n", problems) + "\n" + matrix(members)
                        + "roster while all ten were in: " + during + "\nother processes at the start: " + others
                        + baresipOutputs(members));
            } finally {
                for (AutoCloseable c : open) {
                    c.close();
                }
            }
        }
    }

    /** Each recording's tones: the median over blocks, then the sum over the file's blocks. */
    private static String matrix(List<Member> members) throws Exception {
        StringBuilder matrix = new StringBuilder();
        for (Member m : members) {
            matrix.append(m.user()).append(' ').append(m.recording().getFileName()).append(':');
            for (int hz : HZ) {
                matrix.append(String.format(" %.1e/%.1e", Tones.medianPower(m.recording(), hz, BLOCK_MS),
                        Tones.power(m.recording(), hz)));
            }
            matrix.append('\n');
        }
        return matrix.toString();
    }

    /** @return for each second of the recording, how many of its blocks held the tone */
    private static String timeline(Path wav, int hz) throws Exception {
        double[] blocks = Tones.blockPowers(wav, hz, BLOCK_MS);
        StringBuilder line = new StringBuilder();
        int perSecond = 1000 / BLOCK_MS;
        for (int s = 0; s < blocks.length; s += perSecond) {
            int heard = 0;
            for (int b = s; b < Math.min(blocks.length, s + perSecond); b++) {
                heard += blocks[b] >= HEARD ? 1 : 0;
            }
            line.append(heard).append(' ');
        }
        return line.toString().trim();
    }

    /** Phones, servers and peers still running from earlier tests, which could share ports or the CPU. */
    private static String otherProcesses() {
        StringBuilder out = new StringBuilder();
        ProcessHandle.allProcesses().forEach(p -> p.info().commandLine().ifPresent(c -> {
            if (c.contains("baresip") || c.contains("linphonec") || c.contains("sipp") || c.contains("kamailio")
                    || c.contains("rtpengine") || c.contains("felix") || c.contains("--sip-port")) {
                out.append("\n  ").append(p.pid()).append(' ').append(c, 0, Math.min(200, c.length()));
            }
        }));
        return out.length() == 0 ? "none" : out.toString();
    }

    private static String baresipOutputs(List<Member> members) throws Exception {
        StringBuilder out = new StringBuilder();
        for (Member m : members) {
            if (m.baresip() != null) {
                String o = m.baresip().output();
                out.append("\n").append(m.user()).append(" says (end): ").append(o, Math.max(0, o.length() - 1500),
                        o.length());
            }
        }
        return out.toString();
    }

    private static JsonNode roster(ServerProcess server) {
        try {
            return server.getJson("/conference/rooms/7010/participants", ADMIN);
        } catch (Exception e) {
            return ServerProcess.JSON.createArrayNode();
        }
    }
}
