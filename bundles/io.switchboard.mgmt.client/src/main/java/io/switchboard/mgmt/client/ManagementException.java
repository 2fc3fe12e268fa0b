package io.switchboard.mgmt.client;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A management API call failed. The message is written for an admin: what was tried, where, and
 * what the server or the network said.
 */
public class ManagementException extends Exception {

    private static final long serialVersionUID = 1L;
    private static final Pattern FIELD = Pattern.compile("^(?:Invalid )?([a-z]\\w*) '");
    private final int status;
    private final String serverMessage;

    public ManagementException(String message, int status, Throwable cause) {
        this(message, status, cause, null);
    }

    /** @param serverMessage the server's own error text, as its JSON {@code error} gave it */
    public ManagementException(String message, int status, Throwable cause, String serverMessage) {
        super(message, cause);
        this.status = status;
        this.serverMessage = serverMessage;
    }

    /** @return the server's error text alone ("Invalid port '0': 1 to 65535"), or null when none came */
    public String serverMessage() {
        return serverMessage;
    }

    /**
     * @return the field the server's error names ("port" of "Invalid port '0': 1 to 65535", "number"
     *         of "number '12' is not E.164"), so that a form can show the error next to it; null
     *         when it names none
     */
    public String field() {
        if (serverMessage == null) {
            return null;
        }
        Matcher m = FIELD.matcher(serverMessage);
        return m.find() ? m.group(1) : null;
    }

    /**
     * @return the certificate that failed the call because neither an authority nor the admin
     *         trusts it, for the console to show; empty for any other failure
     */
    public Optional<UntrustedCertificate> untrustedCertificate() {
        return Optional.ofNullable(untrusted(getCause()));
    }

    static UntrustedCertificate untrusted(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof CertificateTrust.Refused refused) {
                return refused.certificate;
            }
        }
        return null;
    }

    /** @return the HTTP status the server answered, or 0 when no answer came */
    public int status() {
        return status;
    }
}
