package io.switchboard.phone.core.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;

import javax.sip.header.WWWAuthenticateHeader;

/**
 * The phone's side of SIP digest authentication (RFC 3261 section 22, RFC 7616 hashing, RFC 8760
 * SHA-256): picks the best challenge a server offers and computes the answer, with qop=auth when
 * the server asks for it. jain-sip's own helper only hashes with MD5.
 */
final class DigestClient {

    private static final SecureRandom RANDOM = new SecureRandom();

    /** The answer's parameters, ready for an Authorization or Proxy-Authorization header. */
    record Answer(String realm, String nonce, String uri, String response, String algorithm, String qop, String cnonce,
            String nonceCount, String opaque) {
    }

    private DigestClient() {
    }

    /** @return the challenge to answer: SHA-256 before MD5; null when none is of a known algorithm */
    static WWWAuthenticateHeader best(List<? extends WWWAuthenticateHeader> challenges) {
        WWWAuthenticateHeader md5 = null;
        for (WWWAuthenticateHeader c : challenges) {
            if (!"Digest".equalsIgnoreCase(c.getScheme())) {
                continue;
            }
            String algorithm = c.getAlgorithm();
            if ("SHA-256".equalsIgnoreCase(algorithm)) {
                return c;
            }
            if (md5 == null && (algorithm == null || "MD5".equalsIgnoreCase(algorithm))) {
                md5 = c;
            }
        }
        return md5;
    }

    static Answer answer(WWWAuthenticateHeader challenge, String method, String uri, String user, String password,
            int nonceCount) {
        String algorithm = challenge.getAlgorithm() == null ? "MD5" : challenge.getAlgorithm().toUpperCase(Locale.ROOT);
        String jca = algorithm.equals("SHA-256") ? "SHA-256" : "MD5";
        String realm = challenge.getRealm();
        String nonce = challenge.getNonce();
        String ha1 = hash(jca, user + ":" + realm + ":" + password);
        String ha2 = hash(jca, method + ":" + uri);
        String qop = challenge.getQop();
        boolean auth = qop != null && List.of(qop.toLowerCase(Locale.ROOT).split("\\s*,\\s*")).contains("auth");
        if (!auth) {
            return new Answer(realm, nonce, uri, hash(jca, ha1 + ":" + nonce + ":" + ha2), algorithm, null, null, null,
                    challenge.getOpaque());
        }
        byte[] random = new byte[8];
        RANDOM.nextBytes(random);
        String cnonce = HexFormat.of().formatHex(random);
        String nc = String.format("%08x", nonceCount);
        String response = hash(jca, ha1 + ":" + nonce + ":" + nc + ":" + cnonce + ":auth:" + ha2);
        return new Answer(realm, nonce, uri, response, algorithm, "auth", cnonce, nc, challenge.getOpaque());
    }

    static String hash(String jca, String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance(jca).digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(jca + " missing from the JDK", e);
        }
    }
}
