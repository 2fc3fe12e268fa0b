package io.switchboard.server.it;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * Mutated SIP datagrams, as a protocol fuzzer sends them: well-formed seeds (INVITE with SDP,
 * REGISTER, OPTIONS, BYE, SUBSCRIBE, MESSAGE, a response to nothing) whose every host name lies
 * under {@link #MARKER} (Via, its maddr, Contact, Record-Route, Route, SDP), then bytes flipped, ranges cut, repeated or swapped, lines dropped,
 * numbers made huge, NULs and bare CRs put in, the body cut short. A seed makes the run
 * repeatable: a failure names it.
 */
final class SipFuzzer implements AutoCloseable {

    /** The domain of every host name the fuzzer writes: a lookup of one shows in a capture by this. */
    static final String MARKER = "fuzz-switchboard.invalid";

    /** An offer whose media address is this host: an IP address, or a name for the switch not to look up. */
    private static String sdp(String host) {
        return "v=0\r\no=- 1 1 IN IP4 " + host + "\r\ns=-\r\nc=IN IP4 " + host + "\r\nt=0 0\r\n"
                + "m=audio 40000 RTP/AVP 8 0 101\r\na=rtpmap:8 PCMA/8000\r\na=rtpmap:0 PCMU/8000\r\n"
                + "a=rtpmap:101 telephone-event/8000\r\na=fmtp:101 0-15\r\na=rtpmap\r\n";
    }

    private final DatagramChannel channel;
    private final InetSocketAddress target;
    private final Random random;
    private final String localHost;
    private final int localPort;
    private final String number;
    private long sent;

    /** @param number the number INVITEs call (a DID of the switch) */
    SipFuzzer(String localHost, int sipPort, long seed, String number) throws IOException {
        this.channel = DatagramChannel.open().bind(new InetSocketAddress(localHost, 0));
        this.target = new InetSocketAddress("127.0.0.1", sipPort);
        this.random = new Random(seed);
        this.localHost = localHost;
        this.localPort = channel.socket().getLocalPort();
        this.number = number;
    }

    int port() {
        return localPort;
    }

    long sent() {
        return sent;
    }

    /** Sends {@code count} mutated datagrams at about {@code perSecond}. */
    void send(int count, int perSecond) throws IOException, InterruptedException {
        long start = System.nanoTime();
        for (int i = 0; i < count; i++) {
            byte[] packet = mutate(seed(i).getBytes(StandardCharsets.UTF_8));
            channel.send(ByteBuffer.wrap(packet), target);
            sent++;
            long due = start + (long) i * 1_000_000_000L / perSecond;
            long wait = due - System.nanoTime();
            if (wait > 1_000_000) {
                Thread.sleep(wait / 1_000_000);
            }
        }
    }

    private String host(String what, int i) {
        return what + i + "." + MARKER;
    }

    private String seed(int i) {
        String branch = "z9hG4bK-fz" + i + "-" + random.nextInt(1_000_000);
        String via = "Via: SIP/2.0/UDP " + host("via", i) + ":" + localPort + ";branch=" + branch
                + (random.nextBoolean() ? ";rport" : "") + (random.nextInt(4) == 0 ? ";maddr=" + host("maddr", i) : "")
                + "\r\n";
        String common = "From: \"Fuzz " + i + "\" <sip:fuzz" + i + "@" + host("from", i) + ">;tag=f" + i + "\r\n"
                + "Call-ID: fuzz-" + i + "@" + host("callid", i) + "\r\n" + "Max-Forwards: 70\r\n"
                + "Contact: <sip:fuzz" + i + "@" + host("contact", i) + ":5070;transport=udp>\r\n"
                + "Record-Route: <sip:" + host("rr", i) + ";lr>\r\n";
        String to = "To: <sip:" + number + "@127.0.0.1>\r\n";
        return switch (i % 8) {
            case 0, 1, 2 -> {
                String sdp = sdp(i % 8 == 2 ? host("sdp", i) : "127.0.0.1");
                yield "INVITE sip:" + number + "@127.0.0.1 SIP/2.0\r\n" + via + common + to
                        + "CSeq: 1 INVITE\r\nContent-Type: application/sdp\r\nContent-Length: " + sdp.length()
                        + "\r\n\r\n" + sdp;
            }
            case 3 -> "REGISTER sip:" + host("registrar", i) + " SIP/2.0\r\n" + via + common
                    + "To: <sip:fuzz@127.0.0.1>\r\nCSeq: 1 REGISTER\r\nExpires: 3600\r\nContent-Length: 0\r\n\r\n";
            case 4 -> "OPTIONS sip:" + host("ruri", i) + " SIP/2.0\r\n" + via + common + to
                    + "CSeq: 1 OPTIONS\r\nContent-Length: 0\r\n\r\n";
            case 5 -> "BYE sip:bob@" + host("ruri", i) + " SIP/2.0\r\n" + via + common
                    + "To: <sip:bob@127.0.0.1>;tag=t" + i + "\r\nRoute: <sip:" + host("route", i)
                    + ";lr>\r\nCSeq: 2 BYE\r\nContent-Length: 0\r\n\r\n";
            case 6 -> (random.nextBoolean() ? "SUBSCRIBE" : "MESSAGE") + " sip:bob@127.0.0.1 SIP/2.0\r\n" + via
                    + common + to + "CSeq: 1 SUBSCRIBE\r\nEvent: presence\r\nContent-Type: text/plain\r\n"
                    + "Content-Length: 5\r\n\r\nhello";
            default -> "SIP/2.0 200 OK\r\nVia: SIP/2.0/UDP " + host("resp", i) + ";branch=" + branch + "\r\n" + common
                    + "To: <sip:bob@127.0.0.1>;tag=r" + i + "\r\nCSeq: 1 INVITE\r\nContent-Length: 0\r\n\r\n";
        };
    }

    private byte[] mutate(byte[] in) {
        byte[] b = in;
        int rounds = 1 + random.nextInt(4);
        for (int r = 0; r < rounds; r++) {
            if (b.length < 2) {
                b = in;
            }
            b = switch (random.nextInt(9)) {
                case 0 -> flip(b);
                case 1 -> cut(b);
                case 2 -> repeat(b);
                case 3 -> dropLine(b);
                case 4 -> replace(b, "\r\n", random.nextBoolean() ? "\r" : "\n");
                case 5 -> replace(b, "1", List.of("99999999999999999999", "-1", "4294967296", "0x10").get(random.nextInt(4)));
                case 6 -> insert(b, List.of("\0", ";;;", "<<", "%00", "\"", ":", "@", "\r\n\r\n", " ").get(random.nextInt(9)));
                case 7 -> Arrays.copyOf(b, 1 + random.nextInt(b.length));
                default -> b; // some seeds go unchanged: valid requests among the noise
            };
        }
        return b.length > 0 ? b : in;
    }

    private byte[] flip(byte[] b) {
        byte[] out = b.clone();
        for (int n = 1 + random.nextInt(8); n > 0; n--) {
            out[random.nextInt(out.length)] = (byte) random.nextInt(256);
        }
        return out;
    }

    private byte[] cut(byte[] b) {
        int from = random.nextInt(b.length);
        int to = Math.min(b.length, from + 1 + random.nextInt(40));
        byte[] out = new byte[b.length - (to - from)];
        System.arraycopy(b, 0, out, 0, from);
        System.arraycopy(b, to, out, from, b.length - to);
        return out;
    }

    private byte[] repeat(byte[] b) {
        int from = random.nextInt(b.length);
        int len = Math.min(b.length - from, 1 + random.nextInt(200));
        int times = 1 + random.nextInt(20);
        ByteBuffer out = ByteBuffer.allocate(Math.min(60_000, b.length + len * times));
        out.put(b, 0, from);
        for (int t = 0; t < times && out.remaining() >= len; t++) {
            out.put(b, from, len);
        }
        out.put(b, from, Math.min(out.remaining(), b.length - from));
        return Arrays.copyOf(out.array(), out.position());
    }

    private byte[] dropLine(byte[] b) {
        String s = new String(b, StandardCharsets.ISO_8859_1);
        String[] lines = s.split("\r\n", -1);
        int drop = random.nextInt(lines.length);
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < lines.length; i++) {
            if (i != drop) {
                out.append(lines[i]).append(i < lines.length - 1 ? "\r\n" : "");
            }
        }
        return out.toString().getBytes(StandardCharsets.ISO_8859_1);
    }

    private byte[] replace(byte[] b, String what, String with) {
        String s = new String(b, StandardCharsets.ISO_8859_1);
        int at = s.indexOf(what, random.nextInt(s.length()));
        return at < 0 ? b : (s.substring(0, at) + with + s.substring(at + what.length()))
                .getBytes(StandardCharsets.ISO_8859_1);
    }

    private byte[] insert(byte[] b, String what) {
        int at = random.nextInt(b.length);
        String s = new String(b, StandardCharsets.ISO_8859_1);
        return (s.substring(0, at) + what + s.substring(at)).getBytes(StandardCharsets.ISO_8859_1);
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }

    String localHost() {
        return localHost;
    }
}
