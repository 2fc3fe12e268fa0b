package io.switchboard.sip.core.internal.registrar;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.net.InetAddress;
import java.text.ParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.ListIterator;
import java.util.Optional;

import javax.sip.address.SipURI;
import javax.sip.address.URI;
import javax.sip.header.AuthorizationHeader;
import javax.sip.header.CSeqHeader;
import javax.sip.header.CallIdHeader;
import javax.sip.header.FromHeader;
import javax.sip.header.HeaderAddress;
import javax.sip.header.HeaderFactory;
import javax.sip.header.ProxyAuthorizationHeader;
import javax.sip.header.ToHeader;
import javax.sip.header.ViaHeader;
import javax.sip.header.WWWAuthenticateHeader;
import javax.sip.message.MessageFactory;
import javax.sip.message.Request;
import javax.sip.message.Response;

import io.switchboard.sip.api.provisioning.SipCredentials;
import io.switchboard.sip.core.internal.digest.Digest;
import io.switchboard.sip.guard.Guard;
import io.switchboard.sip.stack.PacketSource;

/**
 * Digest authentication of requests from users: REGISTER with 401/WWW-Authenticate, INVITE and
 * other dialog-creating requests with 407/Proxy-Authenticate. One challenge per algorithm of the
 * user (its own setting, else the server's), best first (RFC 8760 section 2.4). The server's
 * default is MD5 alone: phones that give up on any challenge they cannot answer, even beside one
 * they can (baresip 1.0 with SHA-256), register out of the box, and a user whose phone reads
 * several challenges gets SHA-256 first by its own setting.
 */
public final class Authenticator {

    private static final Logger LOG = System.getLogger(Authenticator.class.getName());

    /** Either the authenticated user or the response to send instead. */
    public record Result(String user, Response challenge) {
        public boolean ok() {
            return user != null;
        }
    }

    private final SipCredentials credentials;
    private final Digest digest;
    private final String realm;
    private final List<Digest.Algorithm> algorithms;
    private final MessageFactory messages;
    private final HeaderFactory headers;
    private final Guard guard;

    /**
     * @param nonceKey the key of the nonces, which every switch on the database shares
     * @param guard counts failures and refuses locked-out users, or null for none (tests)
     */
    public Authenticator(SipCredentials credentials, String realm, List<Digest.Algorithm> algorithms, byte[] nonceKey,
            MessageFactory messages, HeaderFactory headers, Guard guard) {
        this.digest = new Digest(nonceKey);
        this.guard = guard;
        this.credentials = credentials;
        this.realm = realm;
        this.algorithms = List.copyOf(algorithms);
        this.messages = messages;
        this.headers = headers;
    }

    String realm() {
        return realm;
    }

    /**
     * @return the user's hash for the algorithm when it is an enabled user of this realm (the
     *         credentials service keeps them for a few seconds: every REGISTER and INVITE asks)
     */
    private Optional<String> ha1(String user, Digest.Algorithm algorithm) {
        return credentials.digest(user).filter(d -> realm.equals(d.realm()))
                .map(d -> algorithm == Digest.Algorithm.MD5 ? d.ha1Md5() : d.ha1Sha256());
    }

    /**
     * @return the algorithms a user is challenged with and may answer with, best first: the user's
     *         own setting, else the server's (also for a name that is no user, so that a challenge
     *         alone tells nobody which names exist unless their users chose otherwise)
     */
    List<Digest.Algorithm> algorithmsFor(String user) {
        if (user == null) {
            return algorithms;
        }
        List<String> tokens = credentials.digest(user).map(SipCredentials.Digest::algorithms).orElse(null);
        if (tokens == null) {
            return algorithms;
        }
        List<Digest.Algorithm> own = new ArrayList<>();
        for (String token : tokens) {
            Digest.Algorithm a = Digest.Algorithm.of(token);
            if (a != null) {
                own.add(a);
            }
        }
        return own.isEmpty() ? algorithms : own;
    }

    /** @return the user a request claims to be: To of a REGISTER, From of anything else */
    private static String claimedUser(Request request) {
        HeaderAddress h = (HeaderAddress) request.getHeader(
                Request.REGISTER.equals(request.getMethod()) ? ToHeader.NAME
                        : FromHeader.NAME);
        return h != null && h.getAddress().getURI() instanceof SipURI uri ? uri.getUser() : null;
    }

    /**
     * Authenticates a request from its Authorization (or Proxy-Authorization) headers. The nonce's
     * MAC and the form of the credentials are checked before the user's hash is read, and the
     * digest URI must be the Request-URI: credentials captured for one request cannot be reused for
     * another, and a flood of forged ones never reaches the database.
     *
     * @param proxy true for 407 and Proxy-Authorization (calls), false for 401 and Authorization
     *            (REGISTER)
     */
    public Result authenticate(Request request, boolean proxy) throws ParseException {
        return authenticate(request, proxy, false);
    }

    /**
     * @param emergency whether the request is an emergency call, which a lockout of its user never
     *            refuses: its credentials are checked all the same
     */
    public Result authenticate(Request request, boolean proxy, boolean emergency) throws ParseException {
        String header = proxy ? ProxyAuthorizationHeader.NAME : AuthorizationHeader.NAME;
        boolean stale = false;
        String failedUser = null;
        InetAddress source = PacketSource.address(request);
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
            if (algorithm == null || c.username() == null || !algorithmsFor(c.username()).contains(algorithm)) {
                continue;
            }
            if (!emergency && guard != null && guard.userRefused(c.username(), source)) {
                // locked out, and not from one of its phones: refused before its credentials are read
                return new Result(null, messages.createResponse(Response.FORBIDDEN, request));
            }
            Digest.Outcome refused = digest.precheck(c);
            if (refused == null && !sameUri(a.getURI(), request.getRequestURI())) {
                refused = Digest.Outcome.UNSUPPORTED;
            }
            if (refused == Digest.Outcome.UNKNOWN_NONCE) {
                stale = true; // a nonce of this server before a restart, most likely: retried unasked
                continue;
            }
            if (refused != null) {
                LOG.log(Level.INFO, "SIP credentials of ''{0}'' refused unchecked ({1} from {2}): {3}",
                        Guard.printable(c.username()), request.getMethod(), PacketSource.of(request),
                        "not qop=auth for this Request-URI");
                failed(source, c.username());
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
                    if (guard != null) {
                        guard.succeeded(source, c.username());
                    }
                    return new Result(c.username(), null);
                case STALE:
                    stale = true;
                    break;
                case REPLAY:
                    // a used nonce count: an attacker's replay, or a phone retransmitting a REGISTER
                    // answered longer ago than AnsweredRequests keeps answers. Either way a new
                    // challenge: the phone answers it, the replay gets nothing
                    LOG.log(Level.DEBUG, "Nonce count used before by ''{0}'' ({1} from {2}): challenged again",
                            c.username(), request.getMethod(), PacketSource.of(request));
                    stale = true;
                    break;
                default:
                    failedUser = c.username();
            }
        }
        if (failedUser != null) {
            // the user name is fine to log; the password and hashes never are
            LOG.log(Level.INFO, "SIP authentication failed for ''{0}'' ({1} from {2})", Guard.printable(failedUser),
                    request.getMethod(), PacketSource.of(request));
            failed(source, failedUser);
            if (!stale) {
                return new Result(null, challenge(request, proxy, false, Response.FORBIDDEN));
            }
        }
        return new Result(null, challenge(request, proxy, stale, proxy ? Response.PROXY_AUTHENTICATION_REQUIRED
                : Response.UNAUTHORIZED));
    }

    private void failed(InetAddress source, String user) {
        if (guard != null) {
            guard.failed(source, user);
        }
    }

    /** RFC 3261 19.1.4 comparison (jain-sip's URI equality), else the same text. */
    static boolean sameUri(URI digestUri, URI requestUri) {
        if (digestUri == null || requestUri == null) {
            return false;
        }
        if (digestUri.equals(requestUri) || digestUri.toString().equalsIgnoreCase(requestUri.toString())) {
            return true;
        }
        // some clients put a service URN (urn:service:sos) into the digest as a SIP URI: the same URN all the same
        return requestUri.getScheme().equalsIgnoreCase("urn")
                && digestUri.toString().equalsIgnoreCase("sip:" + requestUri);
    }

    private Response challenge(Request request, boolean proxy, boolean stale, int status) throws ParseException {
        Response response = messages.createResponse(status, request);
        if (status == Response.FORBIDDEN) {
            return response;
        }
        String nonce = digest.nonce();
        for (Digest.Algorithm algorithm : algorithmsFor(claimedUser(request))) {
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
        ViaHeader via = (ViaHeader) request.getHeader(ViaHeader.NAME);
        CSeqHeader cseq = (CSeqHeader) request.getHeader(CSeqHeader.NAME);
        CallIdHeader callId = (CallIdHeader) request
                .getHeader(CallIdHeader.NAME);
        return (via == null ? "" : via.getBranch() + "|" + via.getHost() + ":" + via.getPort()) + "|"
                + (callId == null ? "" : callId.getCallId()) + "|" + (cseq == null ? "" : cseq.getSeqNumber());
    }
}
