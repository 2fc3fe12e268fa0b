package io.switchboard.sip.core.internal.digest;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * HTTP digest authentication as SIP uses it (RFC 3261 section 22, RFC 7616 hashing, RFC 8760
 * SHA-256). A nonce is a time stamp, the issuing server's tag and a serial number under an HMAC
 * with a key every switch on the database shares (or one made at start), so any nonce no switch of
 * ours issued, or one issued more than {@link #NONCE_LIFETIME_MILLIS} ago, fails (the latter as
 * "stale", so phones retry without asking the user); a phone whose next request reaches another
 * switch keeps its nonce.
 * <p>
 * Nonce counts are tracked so that a captured request cannot be replayed with the same count, in a
 * table of fixed size as Kamailio's auth module does: the nonce's tag and serial number pick its
 * slot, and a nonce whose slot a later-issued nonce has taken is stale. Memory stays the same at
 * any rate of registrations; a per-nonce map grew by one entry per challenge for the nonce lifetime.
 * The counts are each switch's own: the edge sends a request and its replay (the same Call-ID) to
 * the same switch.
 */
public final class Digest {

    public static final long NONCE_LIFETIME_MILLIS = 300_000;

    /** Digest algorithms by their token in challenges, best first. */
    public enum Algorithm {
        SHA_256("SHA-256", "SHA-256"), MD5("MD5", "MD5");

        public final String token;
        private final String jca;

        Algorithm(String token, String jca) {
            this.token = token;
            this.jca = jca;
        }

        String hash(String s) {
            try {
                return HexFormat.of().formatHex(MessageDigest.getInstance(jca).digest(s.getBytes(StandardCharsets.UTF_8)));
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(jca + " missing from the JDK", e);
            }
        }

        /** @return the algorithm for a challenge/credentials token; absent means MD5 (RFC 2617) */
        public static Algorithm of(String token) {
            if (token == null || token.isBlank() || token.equalsIgnoreCase("MD5")) {
                return MD5;
            }
            if (token.equalsIgnoreCase("SHA-256")) {
                return SHA_256;
            }
            return null;
        }
    }

    /** What the client sent in Authorization / Proxy-Authorization. */
    public record Credentials(String username, String realm, String nonce, String uri, String response, String algorithm,
            String qop, String cnonce, String nonceCount) {
    }

    public enum Outcome {
        /** The response is right. */
        OK,
        /** The response is wrong: a wrong password. */
        WRONG,
        /** Our nonce, too old: the phone answers a fresh challenge without asking its user. */
        STALE,
        /** Not a nonce of this server. */
        UNKNOWN_NONCE,
        /** A nonce count used before: a replay, or a late retransmission. */
        REPLAY,
        /** Not the one form accepted: qop=auth with cnonce and nonce count, a known algorithm. */
        UNSUPPORTED
    }

    /** This switch's part of its nonces, random at start: two switches' serial numbers never meet. */
    private final int tag;
    /** Slots of the nonce-count table (a power of two): 24 bytes each, 12 MB in all. */
    static final int SLOTS = 1 << 19;
    /** Per slot, the nonce that holds it (tag and serial), when it was issued, and the highest count seen with it. */
    private final long[] slotNonce = new long[SLOTS];
    private final long[] slotIssued = new long[SLOTS];
    private final long[] slotCount = new long[SLOTS];
    private final Object[] locks = new Object[256];
    private final AtomicLong serials = new AtomicLong();
    private final ThreadLocal<Mac> macs;

    /** A digest with a key of its own: its nonces hold on this switch only. */
    public Digest() {
        this(randomKey());
    }

    /** @param key the HMAC key of the nonces, 32 bytes, the same on every switch that shares them */
    public Digest(byte[] key) {
        if (key.length < 32) {
            throw new IllegalArgumentException("a nonce key of 32 bytes, not " + key.length);
        }
        byte[] k = key.clone();
        this.tag = new SecureRandom().nextInt();
        this.macs = ThreadLocal.withInitial(() -> {
            try {
                Mac mac = Mac.getInstance("HmacSHA256");
                mac.init(new SecretKeySpec(k, "HmacSHA256"));
                return mac;
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("HmacSHA256 missing from the JDK", e);
            }
        });
        Arrays.setAll(locks, i -> new Object());
    }

    /** @return 32 random bytes, a nonce key */
    public static byte[] randomKey() {
        byte[] k = new byte[32];
        new SecureRandom().nextBytes(k);
        return k;
    }

    public static String ha1(Algorithm algorithm, String username, String realm, String password) {
        return algorithm.hash(username + ":" + realm + ":" + password);
    }

    /** @return the request-digest of RFC 7616 section 3.4.1 (qop null: RFC 2069 form) */
    public static String response(Algorithm algorithm, String ha1, String nonce, String nc, String cnonce, String qop,
            String method, String uri) {
        String ha2 = algorithm.hash(method + ":" + uri);
        if (qop == null) {
            return algorithm.hash(ha1 + ":" + nonce + ":" + ha2);
        }
        return algorithm.hash(ha1 + ":" + nonce + ":" + nc + ":" + cnonce + ":" + qop + ":" + ha2);
    }

    /**
     * The client side: credentials answering a challenge (ours to a carrier that challenged us).
     *
     * @return the header value, without the header name
     */
    public static String answer(String realm, String nonce, String algorithmToken, String qopOffered, String opaque,
            String method, String uri, String username, String password) {
        Algorithm algorithm = Algorithm.of(algorithmToken);
        if (algorithm == null) {
            throw new IllegalArgumentException("Unsupported digest algorithm " + algorithmToken);
        }
        String ha1 = ha1(algorithm, username, realm, password);
        boolean qop = qopOffered != null && Arrays.stream(qopOffered.split(","))
                .anyMatch(q -> q.trim().equalsIgnoreCase("auth"));
        String cnonce = Long.toHexString(new SecureRandom().nextLong());
        String nc = "00000001";
        String response = response(algorithm, ha1, nonce, qop ? nc : null, cnonce, qop ? "auth" : null, method, uri);
        StringBuilder sb = new StringBuilder("Digest username=\"").append(username).append("\", realm=\"")
                .append(realm).append("\", nonce=\"").append(nonce).append("\", uri=\"").append(uri)
                .append("\", response=\"").append(response).append("\", algorithm=").append(algorithm.token);
        if (qop) {
            sb.append(", qop=auth, nc=").append(nc).append(", cnonce=\"").append(cnonce).append('"');
        }
        if (opaque != null) {
            sb.append(", opaque=\"").append(opaque).append('"');
        }
        return sb.toString();
    }

    /** @return a fresh nonce */
    public String nonce() {
        return nonce(System.currentTimeMillis());
    }

    /**
     * A nonce: issue time, this switch's tag and a serial number (two challenges in one millisecond
     * differ, on one switch or two), their MAC.
     */
    public String nonce(long now) {
        ByteBuffer b = ByteBuffer.allocate(8 + 8 + 16);
        b.putLong(now);
        long id = ((long) tag << 32) | (serials.incrementAndGet() & 0xFFFF_FFFFL);
        b.putLong(id);
        b.put(mac(now, id), 0, 16);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b.array());
    }

    /** What a nonce of ours says: when it was issued, and which it is (issuer's tag and serial number). */
    private record Nonce(long issued, long id) {
    }

    /**
     * What can be refused before the user's stored hash is read: a nonce this server did not issue,
     * or credentials not of the one form the challenge offers (qop=auth, with cnonce and nonce
     * count). Without qop there is no nonce count, so a captured request could be replayed for the
     * nonce's lifetime: RFC 2069 answers are refused.
     *
     * @return the refusal, or null when the response is worth checking against the user's hash
     */
    public Outcome precheck(Credentials c) {
        if (Algorithm.of(c.algorithm()) == null) {
            return Outcome.UNSUPPORTED;
        }
        if (parse(c.nonce()) == null) {
            return Outcome.UNKNOWN_NONCE;
        }
        if (c.response() == null || c.uri() == null || c.qop() == null || !c.qop().equalsIgnoreCase("auth")
                || c.cnonce() == null || c.nonceCount() == null || !c.nonceCount().matches("[0-9a-fA-F]{1,8}")) {
            return Outcome.UNSUPPORTED;
        }
        return null;
    }

    /**
     * Checks the client's response against the stored HA1 of the user; the caller has compared the
     * credentials' digest URI with the Request-URI.
     *
     * @param ha1 HA1 for the credentials' algorithm, as stored
     */
    public Outcome verify(Credentials c, String method, String ha1, long now) {
        Outcome refused = precheck(c);
        if (refused != null) {
            return refused;
        }
        Algorithm algorithm = Algorithm.of(c.algorithm());
        Nonce nonce = parse(c.nonce());
        String expected = response(algorithm, ha1, c.nonce(), c.nonceCount(), c.cnonce(), "auth", method, c.uri());
        if (!MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII),
                c.response().toLowerCase(Locale.ROOT).getBytes(StandardCharsets.US_ASCII))) {
            return Outcome.WRONG;
        }
        if (now - nonce.issued() > NONCE_LIFETIME_MILLIS) {
            return Outcome.STALE;
        }
        return count(nonce, Long.parseLong(c.nonceCount(), 16));
    }

    /** Records a nonce count: it must be above every count seen with the nonce before. */
    private Outcome count(Nonce nonce, long nc) {
        int slot = (int) (mix(nonce.id()) & (SLOTS - 1));
        synchronized (locks[slot & (locks.length - 1)]) {
            long holder = slotNonce[slot];
            boolean later = slotIssued[slot] > nonce.issued()
                    || slotIssued[slot] == nonce.issued() && Long.compareUnsigned(holder, nonce.id()) > 0;
            if (holder != nonce.id() && later) {
                return Outcome.STALE; // a later nonce holds the slot: this one can no longer be tracked
            }
            if (holder == nonce.id() && nc <= slotCount[slot]) {
                return Outcome.REPLAY;
            }
            slotNonce[slot] = nonce.id();
            slotIssued[slot] = nonce.issued();
            slotCount[slot] = nc;
            return Outcome.OK;
        }
    }

    /** Spreads a nonce's tag and serial over the slots (consecutive serials still take neighbouring slots). */
    private static long mix(long id) {
        return (id & 0xFFFF_FFFFL) + (id >>> 32) * 0x9E37_79B9L;
    }

    /** @return the nonce's issue time and identity when a switch with our key issued it, else null */
    private Nonce parse(String nonce) {
        if (nonce == null) {
            return null;
        }
        byte[] raw;
        try {
            raw = Base64.getUrlDecoder().decode(nonce);
        } catch (IllegalArgumentException e) {
            return null;
        }
        if (raw.length != 32) {
            return null;
        }
        ByteBuffer b = ByteBuffer.wrap(raw);
        long time = b.getLong();
        long id = b.getLong();
        byte[] given = new byte[16];
        b.get(given);
        byte[] expected = Arrays.copyOf(mac(time, id), 16);
        return MessageDigest.isEqual(given, expected) ? new Nonce(time, id) : null;
    }

    private byte[] mac(long time, long id) {
        return macs.get().doFinal(ByteBuffer.allocate(16).putLong(time).putLong(id).array());
    }
}
