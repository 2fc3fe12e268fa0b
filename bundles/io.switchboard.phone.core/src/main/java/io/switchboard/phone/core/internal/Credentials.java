package io.switchboard.phone.core.internal;

import java.text.ParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.ListIterator;

import javax.sip.header.AuthorizationHeader;
import javax.sip.header.HeaderFactory;
import javax.sip.header.ProxyAuthenticateHeader;
import javax.sip.header.WWWAuthenticateHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;

import io.switchboard.phone.api.PhoneAccount;

/** Puts the answer to a 401's or 407's challenge into a request, as Authorization or Proxy-Authorization. */
final class Credentials {

    private Credentials() {
    }

    /** @return false when no challenge could be answered (an unknown algorithm, no password) */
    static boolean add(Request request, Response challenge, PhoneAccount account, HeaderFactory headers,
            int nonceCount) throws ParseException {
        boolean proxy = challenge.getStatusCode() == Response.PROXY_AUTHENTICATION_REQUIRED;
        List<WWWAuthenticateHeader> offered = new ArrayList<>();
        ListIterator<?> it = challenge.getHeaders(proxy ? ProxyAuthenticateHeader.NAME : WWWAuthenticateHeader.NAME);
        while (it.hasNext()) {
            offered.add((WWWAuthenticateHeader) it.next());
        }
        WWWAuthenticateHeader best = DigestClient.best(offered);
        if (best == null || account.password() == null) {
            return false;
        }
        String uri = request.getRequestURI().toString();
        DigestClient.Answer a = DigestClient.answer(best, request.getMethod(), uri, account.user(), account.password(),
                nonceCount);
        AuthorizationHeader h = proxy ? headers.createProxyAuthorizationHeader("Digest")
                : headers.createAuthorizationHeader("Digest");
        h.setUsername(account.user());
        h.setRealm(a.realm());
        h.setNonce(a.nonce());
        h.setURI(request.getRequestURI());
        h.setResponse(a.response());
        h.setAlgorithm(a.algorithm());
        if (a.qop() != null) {
            h.setQop(a.qop());
            h.setCNonce(a.cnonce());
            h.setNonceCount(Integer.parseInt(a.nonceCount(), 16));
        }
        if (a.opaque() != null) {
            h.setOpaque(a.opaque());
        }
        request.setHeader(h);
        return true;
    }
}
