package io.switchboard.cdr.api;

/**
 * A line of an imported file that could not be read; the good lines around it are imported.
 *
 * @param fileName the file as named by the admin
 * @param line 1-based line (or record) number
 * @param message what is wrong, for the admin
 */
public record LineError(String fileName, long line, String message) {

    @Override
    public String toString() {
        return fileName + ":" + line + ": " + message;
    }
}
