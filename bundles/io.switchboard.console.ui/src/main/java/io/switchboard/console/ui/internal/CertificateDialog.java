package io.switchboard.console.ui.internal;

import org.eclipse.jface.dialogs.MessageDialog;
import org.eclipse.swt.widgets.Shell;

import io.switchboard.console.ui.widgets.ConsoleSettings;
import io.switchboard.mgmt.client.UntrustedCertificate;

/**
 * Trust on first use: the certificate a server presents that no authority vouches for (a server
 * with its own certificate), shown for the admin to compare with the fingerprint in the server's
 * log and to trust or reject. A certificate that changed since it was trusted says so first.
 */
final class CertificateDialog {

    static final String TITLE = "Untrusted Certificate";
    static final String TRUST = "Trust";
    static final String REJECT = "Reject";

    private CertificateDialog() {
    }

    /** @return whether the admin trusts the certificate for this server */
    static boolean trust(Shell shell, ServerConnection c, UntrustedCertificate cert) {
        StringBuilder text = new StringBuilder();
        if (cert.trustedBefore() != null) {
            text.append("THE CERTIFICATE OF THIS SERVER HAS CHANGED since you trusted it (it was SHA-256 ")
                    .append(cert.trustedBefore()).append("). Unless its certificate was renewed, someone may be "
                            + "between this console and the server.\n\n");
        }
        text.append("The server '").append(c.name()).append("' at ").append(c.url())
                .append(" presents a certificate that no authority this console trusts vouches for.\n\n")
                .append("Subject:\t").append(cert.subject()).append('\n')
                .append("Issuer:\t").append(cert.issuer()).append('\n')
                .append("Valid:\t").append(ConsoleSettings.time(cert.notBefore())).append(" to ")
                .append(ConsoleSettings.time(cert.notAfter())).append('\n')
                .append("SHA-256:\t").append(cert.sha256()).append("\n\n")
                .append("Compare the fingerprint with the one the server's log names when it starts (\"management API "
                        + "on https://... SHA-256 ...\"). Trusted, this certificate is remembered for this server and "
                        + "the console connects without asking again; if it ever changes, you are asked again.");
        MessageDialog dialog = new MessageDialog(shell, TITLE, null, text.toString(),
                cert.trustedBefore() != null ? MessageDialog.WARNING : MessageDialog.QUESTION, 1, TRUST, REJECT);
        return dialog.open() == 0;
    }
}
