package com.acme.switchboard.echo;

import java.io.IOException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

import io.switchboard.sip.api.calltarget.CallTarget;
import io.switchboard.sip.api.calltarget.CallTargetProperties;
import io.switchboard.sip.api.calltarget.TargetAnswer;
import io.switchboard.sip.api.calltarget.TargetCall;

/**
 * A sample call target: the echo test that admins dial to check a phone's audio path. It answers with
 * an RTP port of its own and sends every packet it receives back to where it came from, so the caller
 * hears themselves. Dial "echo" (settings {@code etc/com.acme.switchboard.echo.cfg}: {@code address},
 * the address its RTP ports are on). It takes the caller's first codec; it never transcodes.
 */
@Component(configurationPid = EchoTarget.PID)
@CallTargetProperties(target = "echo")
@Designate(ocd = EchoTarget.Config.class)
public class EchoTarget implements CallTarget {

    static final String PID = "com.acme.switchboard.echo";
    private static final Logger LOG = System.getLogger(EchoTarget.class.getName());

    @ObjectClassDefinition(name = "Acme echo test")
    @interface Config {
        @AttributeDefinition(name = "Address", description = "The address of the echo's RTP ports, as callers reach it")
        String address() default "127.0.0.1";
    }

    private final String address;
    private final Map<String, Echo> echoes = new ConcurrentHashMap<>();

    @Activate
    public EchoTarget(Config config) {
        this.address = config.address();
    }

    @Override
    public TargetAnswer offer(TargetCall call) {
        String payload = firstPayload(call.sdpOffer());
        if (payload == null) {
            return TargetAnswer.refuse(488, "An audio offer is needed");
        }
        try {
            Echo echo = new Echo(new InetSocketAddress(address, 0));
            echoes.put(call.callId(), echo);
            int port = echo.port();
            LOG.log(Level.INFO, "Acme echo: call " + call.callId() + " from " + call.caller() + " on port " + port);
            return TargetAnswer.answer("v=0\r\no=echo 1 1 IN IP4 " + address + "\r\ns=echo\r\nc=IN IP4 " + address
                    + "\r\nt=0 0\r\nm=audio " + port + " RTP/AVP " + payload + "\r\na=sendrecv\r\n");
        } catch (IOException e) {
            return TargetAnswer.refuse(503, "No RTP port for the echo");
        }
    }

    @Override
    public void ended(String callId, boolean byCaller) {
        Echo echo = echoes.remove(callId);
        if (echo != null) {
            echo.close();
            LOG.log(Level.INFO, "Acme echo: call " + callId + " ended" + (byCaller ? " by the caller" : "")
                    + ", " + echo.echoed + " packets echoed");
        }
    }

    @Deactivate
    void stop() {
        echoes.values().forEach(Echo::close);
    }

    /** @return the first payload type of the offer's audio line, or null */
    private static String firstPayload(String sdp) {
        if (sdp == null) {
            return null;
        }
        for (String line : sdp.split("\r?\n")) {
            if (line.startsWith("m=audio ")) {
                String[] f = line.trim().split(" ");
                return f.length > 3 ? f[3] : null;
            }
        }
        return null;
    }

    /** One call's RTP port and the thread that sends its packets back. */
    private static final class Echo implements Runnable {
        private final DatagramChannel channel;
        private volatile long echoed;

        Echo(InetSocketAddress bind) throws IOException {
            channel = DatagramChannel.open().bind(bind);
            Thread t = new Thread(this, "acme-echo-" + port());
            t.setDaemon(true);
            t.start();
        }

        int port() {
            return channel.socket().getLocalPort();
        }

        @Override
        public void run() {
            ByteBuffer buffer = ByteBuffer.allocate(2048);
            try {
                while (channel.isOpen()) {
                    buffer.clear();
                    SocketAddress from = channel.receive(buffer);
                    buffer.flip();
                    channel.send(buffer, from);
                    echoed++;
                }
            } catch (IOException closed) {
                // the call ended
            }
        }

        void close() {
            try {
                channel.close();
            } catch (IOException e) {
                LOG.log(Level.DEBUG, "Cannot close an echo port: " + e);
            }
        }
    }
}
