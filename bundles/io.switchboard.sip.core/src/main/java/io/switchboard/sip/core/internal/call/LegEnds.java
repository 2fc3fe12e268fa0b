package io.switchboard.sip.core.internal.call;

import java.io.IOException;
import java.security.cert.CertificateException;

import io.switchboard.sip.api.provisioning.MediaEncryption;
import io.switchboard.sip.api.provisioning.Trunk;
import io.switchboard.sip.core.internal.registrar.SipStore;
import io.switchboard.sip.stack.PacketSource;

/**
 * The ends of a call as TLS and SRTP see them: who each is, its media encryption policy, whether
 * its leg is TLS; the sips: rule; and why a leg could not be sent.
 */
final class LegEnds {

    /** RFC 5630: a request to a sips: address goes over TLS on every hop, or not at all. */
    static final String SIPS_REFUSAL = "is not reached over TLS and the call is to a sips: address";

    private final B2bua.Provisioned provisioning;

    LegEnds(B2bua.Provisioned provisioning) {
        this.provisioning = provisioning;
    }

    /** The caller: its user's or trunk's policy, and whether it came over TLS. */
    SrtpPolicy.End caller(Call call) {
        boolean tls = PacketSource.cameOverTls(call.aInvite);
        if (call.trunkIn != null) {
            MediaEncryption policy = provisioning.trunks().trunk(call.trunkIn).map(Trunk::mediaEncryption)
                    .orElse(MediaEncryption.OPTIONAL);
            return new SrtpPolicy.End("trunk " + call.trunkIn, policy, tls);
        }
        return new SrtpPolicy.End("user " + call.caller, provisioning.policies().apply(call.caller).mediaEncryption(),
                tls);
    }

    /** A user's phone at one of its registrations. */
    SrtpPolicy.End user(String user, SipStore.Binding binding) {
        return new SrtpPolicy.End("user " + user, provisioning.policies().apply(user).mediaEncryption(), tls(binding));
    }

    static SrtpPolicy.End trunk(Trunk t) {
        return new SrtpPolicy.End("trunk " + t.name(), t.mediaEncryption(), "tls".equals(t.transport()));
    }

    static boolean tls(SipStore.Binding binding) {
        return binding.source() != null && binding.source().startsWith("tls:");
    }

    /**
     * What lies beneath jain-sip's "IO Exception occured while Sending Request": a refused certificate
     * (it names both), else the connection that could not be made.
     */
    static String why(Throwable e) {
        String connection = null;
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof CertificateException) {
                return "TLS refused: " + t.getMessage();
            }
            if (t instanceof IOException && t.getMessage() != null && connection == null) {
                connection = t.getMessage();
            }
        }
        return connection != null ? connection : e.getMessage();
    }
}
