package io.switchboard.media.rtp.internal;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * The relay's settings, checked as they arrive: a bad one is named with what is wrong with it.
 *
 * @param advertisedAddress the address SDP names, or null to choose per peer
 * @param holdMusic the samples (8 kHz) a held leg hears, or null for none
 * @param holdClass the music class a held leg hears when the server has music classes, or null: then, and while
 *            the classes are not there, {@code holdMusic}
 */
record RelaySettings(InetAddress bind, InetAddress advertisedAddress, int portMin, int portMax, int latchSeconds,
        int timeoutSeconds, int threads, short[] holdMusic, String holdClass) {

    /** Settings without hold music. */
    RelaySettings(InetAddress bind, InetAddress advertisedAddress, int portMin, int portMax, int latchSeconds,
            int timeoutSeconds, int threads) {
        this(bind, advertisedAddress, portMin, portMax, latchSeconds, timeoutSeconds, threads, null, null);
    }

    /** Settings whose hold music is fixed samples. */
    RelaySettings(InetAddress bind, InetAddress advertisedAddress, int portMin, int portMax, int latchSeconds,
            int timeoutSeconds, int threads, short[] holdMusic) {
        this(bind, advertisedAddress, portMin, portMax, latchSeconds, timeoutSeconds, threads, holdMusic, null);
    }

    static final String PID = "io.switchboard.media";
    static final String BUILT_IN = "built-in";
    private static final String OFF = "off";
    /** The music class every queue and slot plays when it names none: the built-in music until it has pieces. */
    static final String DEFAULT_CLASS = "default";
    private static final Pattern CLASS = Pattern.compile("[A-Za-z0-9_-]{1,64}");

    @ObjectClassDefinition(name = "Switchboard media relay", description = "RTP/RTCP relay that anchors calls' media")
    @interface Config {
        @AttributeDefinition(name = "Bind address", description = "Address the relay's sockets listen on")
        String address() default "0.0.0.0";

        @AttributeDefinition(name = "Advertised address", description = "Address written into SDP (set it behind "
                + "NAT to the public address); empty: 127.0.0.1 to phones on this host, else the first non-loopback "
                + "IPv4 address")
        String advertisedAddress() default "";

        @AttributeDefinition(name = "First port", min = "1024", max = "65534")
        int portMin() default 10000;

        @AttributeDefinition(name = "Last port", min = "1025", max = "65535")
        int portMax() default 19999;

        @AttributeDefinition(name = "Latch window (s)", description = "How long after an offer or answer a leg's "
                + "first packets may come from another address than its SDP names (NAT)", min = "1")
        int latchSeconds() default 10;

        @AttributeDefinition(name = "Media timeout (s)", description = "No RTP from a leg for this long ends the "
                + "call; 0 never", min = "0")
        int timeoutSeconds() default 30;

        @AttributeDefinition(name = "Relay threads", min = "1", max = "64")
        int threads() default 2;

        @AttributeDefinition(name = "Hold music", description = "What a leg hears while the other holds it (a "
                + "re-INVITE with sendonly or inactive): a music class of the admin's pieces (/api/v1/music; "
                + "default: the class queues and parking play, the built-in music until it has pieces), built-in "
                + "(the server's own music), off (silence), or the path of a WAV file, 16-bit PCM, mono, 8 kHz")
        String holdMusic() default DEFAULT_CLASS;
    }

    static RelaySettings of(Config config) {
        int min = config.portMin();
        int max = config.portMax();
        if (min < 1024 || min > 65534) {
            throw bad("portMin", min, "a port from 1024 to 65534");
        }
        if (max > 65535 || max < min + 3) {
            throw bad("portMax", max, "a port above portMin=" + min + " leaving at least two RTP/RTCP pairs, at most 65535");
        }
        if (config.latchSeconds() < 1) {
            throw bad("latchSeconds", config.latchSeconds(), "at least 1");
        }
        if (config.timeoutSeconds() < 0) {
            throw bad("timeoutSeconds", config.timeoutSeconds(), "0 (never) or more");
        }
        if (config.threads() < 1 || config.threads() > 64) {
            throw bad("threads", config.threads(), "1 to 64");
        }
        InetAddress bind = address("address", config.address());
        String advertised = config.advertisedAddress() == null ? "" : config.advertisedAddress().trim();
        return new RelaySettings(bind, advertised.isEmpty() ? null : address("advertisedAddress", advertised), min,
                max, config.latchSeconds(), config.timeoutSeconds(), config.threads(), music(config.holdMusic()),
                musicClass(config.holdMusic()));
    }

    /** The address SDP names to a leg at {@code reader}: the setting, else loopback for local phones. */
    InetAddress advertised(InetAddress reader) {
        if (advertisedAddress != null) {
            return advertisedAddress;
        }
        if (!bind.isAnyLocalAddress()) {
            return bind;
        }
        if (reader != null && reader.isLoopbackAddress()) {
            return InetAddress.getLoopbackAddress();
        }
        return HostAddress.first();
    }

    /**
     * @return the music class the setting names, or null for built-in, off or a file (a name of a class's letters
     *         that names a file on the disk is the file, as before classes)
     */
    private static String musicClass(String value) {
        String v = value == null ? "" : value.trim();
        if (v.isEmpty()) {
            return DEFAULT_CLASS;
        }
        boolean word = v.equalsIgnoreCase(BUILT_IN) || v.equalsIgnoreCase(OFF);
        return !word && CLASS.matcher(v).matches() && !Files.isRegularFile(Path.of(v)) ? v : null;
    }

    private static short[] music(String value) {
        String v = value == null ? "" : value.trim();
        if (v.isEmpty() || v.equalsIgnoreCase(BUILT_IN) || musicClass(v) != null) {
            return MusicSource.builtIn(); // a class: what plays until the classes are there
        }
        if (v.equalsIgnoreCase(OFF)) {
            return null;
        }
        try {
            return MusicSource.wav(Path.of(v));
        } catch (IllegalArgumentException e) { // InvalidPathException among them
            throw bad("holdMusic", value, "a music class, built-in, off, or a WAV file of 16-bit PCM, mono, 8 kHz ("
                    + e.getMessage() + ")");
        }
    }

    private static InetAddress address(String name, String value) {
        if (value == null || value.isBlank() || !value.trim().matches("[0-9a-fA-F:.]+")) {
            throw bad(name, value, "an IP address");
        }
        try {
            return InetAddress.getByName(value.trim());
        } catch (UnknownHostException e) {
            throw bad(name, value, "an IP address");
        }
    }

    private static IllegalArgumentException bad(String name, Object value, String wanted) {
        return new IllegalArgumentException("Invalid setting " + PID + " " + name + "=" + value + ": must be " + wanted);
    }
}
