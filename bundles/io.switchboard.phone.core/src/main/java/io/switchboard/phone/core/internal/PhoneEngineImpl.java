package io.switchboard.phone.core.internal;

import java.net.Inet4Address;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.IntConsumer;

import javax.sound.sampled.SourceDataLine;
import javax.sound.sampled.TargetDataLine;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;

import io.switchboard.media.api.LocalDatagrams;
import io.switchboard.phone.api.AudioSink;
import io.switchboard.phone.api.AudioSource;
import io.switchboard.phone.api.MediaLeg;
import io.switchboard.phone.api.Phone;
import io.switchboard.phone.api.PhoneAccount;
import io.switchboard.phone.api.PhoneEngine;
import io.switchboard.phone.api.PhoneListener;

/** The phone engine service; outside OSGi (tests, tools) it is made with its constructor. */
@Component(service = PhoneEngine.class)
public class PhoneEngineImpl implements PhoneEngine, AutoCloseable {

    /** One thread ticks the audio of every call of every phone, and refreshes registrations. */
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "switchboard-phone-audio");
        t.setDaemon(true);
        t.setPriority(Thread.MAX_PRIORITY);
        return t;
    });

    /** The media legs of the services that answer calls themselves (voicemail), ticked together. */
    private final Ticks legs = new Ticks(timer);
    /** The relay's in-process path, on a server: the legs it anchors exchange their packets with it there. */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile LocalDatagrams local;

    public PhoneEngineImpl() {
        legs.register();
    }

    @Override
    public Phone open(PhoneAccount account, PhoneListener listener) {
        return new SipPhone(account, listener, timer);
    }

    @Override
    public MediaLeg answer(String sdpOffer, String host, AudioSource source, AudioSink sink,
            IntConsumer digits) {
        return answer(sdpOffer, host, source, sink, digits, null);
    }

    @Override
    public MediaLeg answer(String sdpOffer, String host, AudioSource source, AudioSink sink,
            IntConsumer digits, String group) {
        return answer(sdpOffer, host, null, source, sink, digits, group);
    }

    @Override
    public MediaLeg answer(String sdpOffer, String host, String signalling, AudioSource source, AudioSink sink,
            IntConsumer digits, String group) {
        return new MediaLegImpl(sdpOffer, host, signalling, source, sink, digits, legs, group, local);
    }

    @Override
    public AudioSource tone(double hz) {
        return new Tone(hz);
    }

    @Override
    public AudioSource play(Path wav) {
        return WavFiles.player(wav);
    }

    @Override
    public String hostFor(String sdpOffer) {
        if (sdpOffer != null && sdpOffer.matches("(?s).*\\nc=IN IP4 127\\.[0-9.]+\\s.*")) {
            return "127.0.0.1";
        }
        try {
            for (var nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                for (var a : Collections.list(nic.getInetAddresses())) {
                    if (a instanceof Inet4Address && !a.isLoopbackAddress()) {
                        return a.getHostAddress();
                    }
                }
            }
        } catch (SocketException e) {
            // no interfaces to name: loopback is all there is
        }
        return "127.0.0.1";
    }

    @Override
    public AudioSink record(Path wav) {
        return WavFiles.recorder(wav);
    }

    @Override
    public List<String> microphones() {
        return Devices.names(TargetDataLine.class);
    }

    @Override
    public List<String> speakers() {
        return Devices.names(SourceDataLine.class);
    }

    @Override
    public AudioSource microphone(String name) {
        return Devices.microphone(name);
    }

    @Override
    public AudioSink speaker(String name) {
        return Devices.speaker(name);
    }

    @Override
    @Deactivate
    public void close() {
        legs.close();
        timer.shutdownNow();
    }
}
