package io.switchboard.media.api;

/** The relay cannot anchor a call's media: no free port, or SDP it cannot read. The call goes on without it or fails with 488/503. */
public class MediaException extends Exception {

    private static final long serialVersionUID = 1L;

    public MediaException(String message) {
        super(message);
    }

    public MediaException(String message, Throwable cause) {
        super(message, cause);
    }
}
