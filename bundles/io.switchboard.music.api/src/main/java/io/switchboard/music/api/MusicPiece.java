package io.switchboard.music.api;

import java.time.OffsetDateTime;

/**
 * A piece of a music class, as the admin uploaded it (kept 16-bit mono at its own rate).
 *
 * @param name the piece's name, which orders the class ("01-intro")
 * @param seconds how long it plays
 * @param rate its sample rate
 * @param changed when it was stored
 */
public record MusicPiece(String name, double seconds, int rate, OffsetDateTime changed) {
}
