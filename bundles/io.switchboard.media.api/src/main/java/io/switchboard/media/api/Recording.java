package io.switchboard.media.api;

/**
 * A call's recording, as the relay left it when the call ended.
 *
 * @param file the file, relative to the server's recordings folder ({@code data/recordings})
 * @param format {@code wav} (G.711 decoded: the caller left, the callee right) or {@code pcap}
 *            (the RTP of both directions as the relay received it, for codecs it does not decode)
 * @param bytes the file's size
 */
public record Recording(String file, String format, long bytes) {
}
