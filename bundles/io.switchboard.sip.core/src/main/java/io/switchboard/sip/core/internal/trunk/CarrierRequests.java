package io.switchboard.sip.core.internal.trunk;

import java.util.ArrayList;
import java.util.List;
import java.util.ListIterator;
import java.util.Locale;
import java.util.function.Function;

import javax.sip.ListeningPoint;
import javax.sip.SipProvider;
import javax.sip.address.AddressFactory;
import javax.sip.address.SipURI;
import javax.sip.header.CallIdHeader;
import javax.sip.header.HeaderFactory;
import javax.sip.header.ViaHeader;
import javax.sip.header.WWWAuthenticateHeader;
import javax.sip.message.MessageFactory;
import javax.sip.message.Request;
import javax.sip.message.Response;

import io.switchboard.sip.api.provisioning.SipCredentials;
import io.switchboard.sip.api.provisioning.Trunk;
import io.switchboard.sip.core.internal.digest.Digest;

/** Requests the switch sends a carrier on a trunk's account, and its answers to the carrier's challenges. */
final class CarrierRequests {

    private final SipCredentials credentials;
    private final MessageFactory messages;
    private final HeaderFactory headers;
    private final AddressFactory addresses;
    private final Function<String, SipProvider> providers;
    private final Function<String, String> advertised;

    CarrierRequests(SipCredentials credentials, MessageFactory messages, HeaderFactory headers, AddressFactory addresses,
            Function<String, SipProvider> providers, Function<String, String> advertised) {
        this.credentials = credentials;
        this.messages = messages;
        this.headers = headers;
        this.addresses = addresses;
        this.providers = providers;
        this.advertised = advertised;
    }

    /** Adds Authorization / Proxy-Authorization answering the carrier's challenge, SHA-256 preferred. */
    public void authorize(Request request, Response challenge, Trunk t) throws Exception {
        boolean proxy = challenge.getStatusCode() == Response.PROXY_AUTHENTICATION_REQUIRED;
        String name = proxy ? "Proxy-Authenticate" : WWWAuthenticateHeader.NAME;
        WWWAuthenticateHeader best = null;
        boolean withoutQop = false;
        ListIterator<?> it = challenge.getHeaders(name);
        while (it.hasNext()) {
            WWWAuthenticateHeader h = (WWWAuthenticateHeader) it.next();
            Digest.Algorithm a = Digest.Algorithm.of(h.getAlgorithm());
            if (a != null && !offersQopAuth(h.getQop())) {
                withoutQop = true;
            } else if (a != null && (best == null || a == Digest.Algorithm.SHA_256)) {
                best = h;
            }
        }
        if (best == null && withoutQop) {
            // without qop the answer has no client nonce: whoever sees it can test passwords against it offline
            throw new IllegalStateException("the carrier's challenge offers no qop=auth; the trunk's password is not "
                    + "used to answer a challenge without it");
        }
        if (best == null) {
            throw new IllegalStateException("the carrier's challenge uses no algorithm we know");
        }
        String password = credentials.trunkPassword(t.name()).orElseThrow(
                () -> new IllegalStateException("trunk " + t.name() + " has no password for the carrier's challenge"));
        String value = Digest.answer(best.getRealm(), best.getNonce(), best.getAlgorithm(), best.getQop(),
                best.getOpaque(), request.getMethod(), request.getRequestURI().toString(), t.authUser(), password);
        request.setHeader(headers.createHeader(proxy ? "Proxy-Authorization" : "Authorization", value));
    }

    static boolean offersQopAuth(String qop) {
        if (qop == null) {
            return false;
        }
        for (String option : qop.split(",")) {
            if (option.trim().equalsIgnoreCase("auth")) {
                return true;
            }
        }
        return false;
    }

    /** A new out-of-dialog request to the trunk, from the trunk's account. */
    Request request(Trunk t, String method, String callId, long cseq, String uri)
            throws Exception {
        SipProvider provider = providers.apply(t.transport());
        ListeningPoint lp = provider.getListeningPoint(t.transport());
        String host = advertised.apply(t.host());
        String user = t.authUser() == null ? "switchboard" : t.authUser();
        SipURI fromUri = addresses.createSipURI(user, t.host());
        CallIdHeader cid = headers.createCallIdHeader(callId == null ? Trunks.newCallId(host) : callId);
        List<ViaHeader> via = List.of(headers.createViaHeader(host, lp.getPort(), t.transport(), null));
        Request r = messages.createRequest(addresses.createURI(uri), method, cid, headers.createCSeqHeader(cseq, method),
                headers.createFromHeader(addresses.createAddress(fromUri), Long.toHexString(cseq ^ cid.hashCode())),
                headers.createToHeader(addresses.createAddress(fromUri), null), new ArrayList<>(via),
                headers.createMaxForwardsHeader(70));
        SipURI contact = addresses.createSipURI(user, host);
        contact.setPort(lp.getPort());
        if (!"udp".equals(t.transport().toLowerCase(Locale.ROOT))) {
            contact.setTransportParam(t.transport());
        }
        r.addHeader(headers.createContactHeader(addresses.createAddress(contact)));
        return r;
    }
}
