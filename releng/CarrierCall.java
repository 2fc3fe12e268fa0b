import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One call from a carrier trunk known by its address (127.0.0.2), on a SIP socket of its own as a carrier's
 * call leg: INVITE with a PCMU offer, 200, ACK, then waiting while the switch may end it, and BYE. Not shipped;
 * the load programs use it (a JDK 22 or newer finds it beside them: JEP 458).
 */
final class CarrierCall implements AutoCloseable {

    static final String CARRIER_IP = "127.0.0.2";
    private static final AtomicInteger SEQ = new AtomicInteger();
    private static final Pattern CONNECTION = Pattern.compile("c=IN IP4 (\\S+)");
    private static final Pattern AUDIO = Pattern.compile("m=audio (\\d+)");

    private final DatagramSocket sip;
    private final String local;
    private final String callId = "carrier-" + SEQ.incrementAndGet() + "@bench";
    private String from;
    private String toHeader;
    private String contact;
    private int cseq = 1;

    CarrierCall(int sipPort) throws IOException {
        sip = new DatagramSocket(new InetSocketAddress(CARRIER_IP, 0));
        sip.connect(new InetSocketAddress("127.0.0.1", sipPort));
        local = CARRIER_IP + ":" + sip.getLocalPort();
    }

    /**
     * Calls the number with media at {@code rtpPort} of the carrier's address.
     *
     * @return where the switch wants the media, or null (the failure said on standard error)
     */
    InetSocketAddress invite(String caller, String to, int rtpPort) throws IOException {
        int port = ((InetSocketAddress) sip.getRemoteSocketAddress()).getPort();
        String uri = "sip:" + to + "@127.0.0.1:" + port;
        from = "<sip:" + caller + "@" + CARRIER_IP + ">;tag=c" + SEQ.incrementAndGet();
        String sdp = "v=0\r\no=- 1 1 IN IP4 " + CARRIER_IP + "\r\ns=-\r\nc=IN IP4 " + CARRIER_IP + "\r\nt=0 0\r\n"
                + "m=audio " + rtpPort + " RTP/AVP 0 101\r\na=rtpmap:0 PCMU/8000\r\n"
                + "a=rtpmap:101 telephone-event/8000\r\na=fmtp:101 0-16\r\na=sendrecv\r\n";
        String invite = "INVITE " + uri + " SIP/2.0\r\n" + via() + "Max-Forwards: 70\r\nFrom: " + from + "\r\nTo: <"
                + uri + ">\r\nCall-ID: " + callId + "\r\nCSeq: 1 INVITE\r\nContact: <sip:" + caller + "@" + local
                + ">\r\nContent-Type: application/sdp\r\nContent-Length: " + sdp.length() + "\r\n\r\n" + sdp;
        String answer = VoicemailLoad.exchange(sip, invite, "1 INVITE", 30_000);
        if (answer == null || !answer.startsWith("SIP/2.0 200")) {
            SipPhone.failed(caller + " -> " + to + ": " + (answer == null ? "no answer" : SipPhone.firstLine(answer)));
            return null;
        }
        toHeader = SipPhone.header(answer, "To");
        contact = SipPhone.header(answer, "Contact").replaceAll("^.*<|>.*$", "");
        sip.send(VoicemailLoad.packet("ACK " + contact + " SIP/2.0\r\n" + via() + "Max-Forwards: 70\r\nFrom: " + from
                + "\r\nTo: " + toHeader + "\r\nCall-ID: " + callId + "\r\nCSeq: 1 ACK\r\nContent-Length: 0\r\n\r\n"));
        Matcher c = CONNECTION.matcher(answer);
        Matcher m = AUDIO.matcher(answer);
        if (!c.find() || !m.find()) {
            SipPhone.failed("no SDP in the answer: " + answer);
            return null;
        }
        return new InetSocketAddress(c.group(1), Integer.parseInt(m.group(1)));
    }

    /**
     * Stays in the call, answering what the switch sends, until {@code stop} says so or the switch hangs up.
     *
     * @return whether the switch ended the call (its BYE answered)
     */
    boolean stay(BooleanSupplier stop) throws IOException {
        byte[] in = new byte[65536];
        sip.setSoTimeout(200);
        while (!stop.getAsBoolean()) {
            DatagramPacket p = new DatagramPacket(in, in.length);
            try {
                sip.receive(p);
            } catch (SocketTimeoutException again) {
                continue;
            }
            String m = new String(p.getData(), 0, p.getLength(), StandardCharsets.UTF_8);
            if (m.startsWith("SIP/2.0")) {
                continue; // a late answer to the INVITE sent again
            }
            sip.send(VoicemailLoad.packet(SipPhone.response(m, "200 OK", "", "", null)));
            if (m.startsWith("BYE ")) {
                return true;
            }
            if (!m.startsWith("OPTIONS ")) {
                SipPhone.failed("the switch sent " + SipPhone.firstLine(m) + " in a waiting call");
            }
        }
        return false;
    }

    /** Hangs up. @return whether the switch answered 200 */
    boolean bye() throws IOException {
        String answer = VoicemailLoad.exchange(sip, "BYE " + contact + " SIP/2.0\r\n" + via() + "Max-Forwards: 70\r\n"
                + "From: " + from + "\r\nTo: " + toHeader + "\r\nCall-ID: " + callId + "\r\nCSeq: " + (++cseq)
                + " BYE\r\nContent-Length: 0\r\n\r\n", cseq + " BYE", 8_000);
        return answer != null && answer.startsWith("SIP/2.0 200");
    }

    private String via() {
        return "Via: SIP/2.0/UDP " + local + ";rport;branch=z9hG4bK" + SEQ.incrementAndGet() + "\r\n";
    }

    @Override
    public void close() {
        sip.close();
    }
}
