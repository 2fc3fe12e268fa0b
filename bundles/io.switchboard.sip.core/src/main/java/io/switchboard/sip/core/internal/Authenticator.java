package io.switchboard.sip.core.internal;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.text.ParseException;
import java.util.List;
import java.util.ListIterator;
import java.util.Optional;

import javax.sip.header.AuthorizationHeader;
import javax.sip.header.HeaderFactory;
import javax.sip.header.ProxyAuthorizationHeader;
import javax.sip.header.WWWAuthenticateHeader;
import javax.sip.message.MessageFactory;
import javax.sip.message.Request;
import javax.sip.message.Response;

/**
 * Digest authentication of requests from users: REGISTER with 401/WWW-Authenticate, INVITE and
 * other dialog-creating requests with 407/Proxy-Authenticate. One challenge per configured
 * algorithm, best first (RFC 8760 section 2.4), so SHA-256 phones use SHA-256 and older ones MD5.
 */
final class Authenticator {

    private static final Logger LOG = System.getLogger(Authenticator.class.getName());

    /** Either the authenticated user or the response to send instead. */
    record Result(String user, Response challenge) {
        boolean ok() {
            return user != null;
        }
    }

    private final SipStore store;
    private final Digest digest = new Digest();
    private final String realm;
    private final List<Digest.Algorithm> algorithms;
    private final MessageFactory messages;
    private final HeaderFactory headers;

    Authenticator(SipStore store, String realm, List<Digest.Algorithm> algorithms, MessageFactory messages,
            HeaderFactory headers) {
        this.store = store;
        this.realm = realm;
        this.algorithms = List.copyOf(algorithms);
        this.messages = messages;
        this.headers = headers;
    }

    String realm() {
        return realm;
    }

    /** Stored hashes, kept for a few seconds: every phone's REGISTER and INVITE would read them. */
    private record Cached(Optional<String> ha1, long until) {
    }

    static final long CACHE_MILLIS = 5_000;
    private final java.util.Map<String, Cached> cache = new java.util.concurrent.ConcurrentHashMap<>();

    private Optional<String> ha1(String user, Digest.Algorithm algorithm) {
        String key = algorithm.token + ":" + user;
        long now = System.currentTimeMillis();
        Cached c = cache.get(key);
        if (c == null || c.until() < now) {
            if (cache.size() > 100_000) {
                cache.clear();
            }
            c = new Cached(store.ha1(user, realm, algorithm), now + CACHE_MILLIS);
            cache.put(key, c);
        }
        return c.ha1();
    }

    /** Forgets what is cached of a user (its password or state changed here). */
    void forget(String user) {
        for (Digest.Algorithm a : Digest.Algorithm.values()) {
            cache.remove(a.token + ":" + user);
        }
    }

    /**
     * @param proxy true for 407 and Proxy-Authorization (calls), false for 401 and Authorization
     *            (REGISTER)
     */
    Result authenticate(Request request, boolean proxy) throws ParseException {
        String header = proxy ? ProxyAuthorizationHeader.NAME : AuthorizationHeader.NAME;
        boolean stale = false;
        String failedUser = null;
        ListIterator<?> it = request.getHeaders(header);
        while (it.hasNext()) {
            AuthorizationHeader a = (AuthorizationHeader) it.next();
            if (!"Digest".equalsIgnoreCase(a.getScheme()) || !realm.equals(a.getRealm())) {
                continue;
            }
            Digest.Credentials c = new Digest.Credentials(a.getUsername(), a.getRealm(), a.getNonce(),
                    a.getURI() == null ? null : a.getURI().toString(), a.getResponse(), a.getAlgorithm(), a.getQop(),
                    a.getCNonce(), a.getParameter("nc"));
            Digest.Algorithm algorithm = Digest.Algorithm.of(c.algorithm());
            if (algorithm == null || !algorithms.contains(algorithm) || c.username() == null) {
                continue;
            }
            Optional<String> ha1 = ha1(c.username(), algorithm);
            if (ha1.isEmpty()) {
                failedUser = c.username();
                continue;
            }
            Digest.Outcome outcome = digest.verify(c, request.getMethod(), ha1.get(), System.currentTimeMillis());
            switch (outcome) {
                case OK:
                    return new Result(c.username(), null);
                case STALE, UNKNOWN_NONCE:
                    stale = true;
                    break;
                case REPLAY:
                    // a used nonce count: an attacker's replay, or a phone retransmitting a REGISTER
                    // answered longer ago than AnsweredRequests keeps answers. Either way a new
                    // challenge: the phone answers it, the replay gets nothing
                    LOG.log(Level.DEBUG, "Nonce count used before by ''{0}'' ({1} from {2}): challenged again",
                            c.username(), request.getMethod(), describeSource(request));
                    stale = true;
                    break;
                default:
                    failedUser = c.username();
            }
        }
        if (failedUser != null) {
            // the user name is fine to log; the password and hashes never are
            LOG.log(Level.INFO, "SIP authentication failed for ''{0}'' ({1} from {2})", failedUser,
                    request.getMethod(), describeSource(request));
            if (!stale) {
                return new Result(null, challenge(request, proxy, false, Response.FORBIDDEN));
            }
        }
        return new Result(null, challenge(request, proxy, stale, proxy ? Response.PROXY_AUTHENTICATION_REQUIRED
                : Response.UNAUTHORIZED));
    }

    private Response challenge(Request request, boolean proxy, boolean stale, int status) throws ParseException {
        Response response = messages.createResponse(status, request);
        if (status == Response.FORBIDDEN) {
            return response;
        }
        String nonce = digest.nonce();
        for (Digest.Algorithm algorithm : algorithms) {
            WWWAuthenticateHeader h = proxy ? headers.createProxyAuthenticateHeader("Digest")
                    : headers.createWWWAuthenticateHeader("Digest");
            h.setRealm(realm);
            h.setNonce(nonce);
            h.setAlgorithm(algorithm.token);
            h.setQop("auth");
            if (stale) {
                h.setParameter("stale", "TRUE");
            }
            response.addHeader(h);
        }
        return response;
    }

    /**
     * @return what a retransmission shares with its original request and another request does not:
     *         top Via branch and sent-by, Call-ID and CSeq
     */
    static String requestKey(Request request) {
        javax.sip.header.ViaHeader via = (javax.sip.header.ViaHeader) request.getHeader(javax.sip.header.ViaHeader.NAME);
        javax.sip.header.CSeqHeader cseq = (javax.sip.header.CSeqHeader) request.getHeader(javax.sip.header.CSeqHeader.NAME);
        javax.sip.header.CallIdHeader callId = (javax.sip.header.CallIdHeader) request
                .getHeader(javax.sip.header.CallIdHeader.NAME);
        return (via == null ? "" : via.getBranch() + "|" + via.getHost() + ":" + via.getPort()) + "|"
                + (callId == null ? "" : callId.getCallId()) + "|" + (cseq == null ? "" : cseq.getSeqNumber());
    }

    private static String describeSource(Request request) {
        javax.sip.header.ViaHeader via = (javax.sip.header.ViaHeader) request.getHeader(javax.sip.header.ViaHeader.NAME);
        if (via == null) {
            return "?";
        }
        String received = via.getReceived();
        return (received != null ? received : via.getHost()) + ":" + (via.getRPort() > 0 ? via.getRPort() : via.getPort());
    }
}
