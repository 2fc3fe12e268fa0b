package io.switchboard.music.api;

import java.util.List;

/**
 * A music class: its name and its pieces, in the order they play.
 *
 * @param name the class's name ("sales")
 * @param pieces its pieces, by name
 */
public record MusicClass(String name, List<MusicPiece> pieces) {

    public MusicClass {
        pieces = List.copyOf(pieces);
    }

    /** @return how long the class plays before it starts again */
    public double seconds() {
        return pieces.stream().mapToDouble(MusicPiece::seconds).sum();
    }
}
