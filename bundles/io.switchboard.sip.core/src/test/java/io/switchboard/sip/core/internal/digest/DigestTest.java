package io.switchboard.sip.core.internal.digest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import org.junit.jupiter.api.Test;

import io.switchboard.sip.core.internal.digest.Digest.Algorithm;
import io.switchboard.sip.core.internal.digest.Digest.Credentials;
import io.switchboard.sip.core.internal.digest.Digest.Outcome;

class DigestTest {

    /** The worked example of RFC 7616 section 3.9.1, for both algorithms. */
    @Test
    void rfc7616Example() {
        String nonce = "7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v";
        String cnonce = "f2/wE4q74E6zIJEtWaHKaf5wv/H5QzzpXusqGemxURZJ";
        for (Algorithm a : Algorithm.values()) {
            String ha1 = Digest.ha1(a, "Mufasa", "http-auth@example.org", "Circle of Life");
            String expected = a == Algorithm.MD5 ? "8ca523f5e9506fed4657c9700eebdbec"
                    : "753927fa0e85d155564e2e272a28d1802ca10daf4496794697cf8db5856cb6c1";
            assertEquals(expected, Digest.response(a, ha1, nonce, "00000001", cnonce, "auth", "GET", "/dir/index.html"));
        }
    }

    @Test
    void ownNoncesVerifyAndAgeIntoStale() {
        Digest digest = new Digest();
        long now = System.currentTimeMillis();
        String nonce = digest.nonce(now);
        String ha1 = Digest.ha1(Algorithm.SHA_256, "alice", "switchboard", "secret-pass");
        String uri = "sip:switchboard.test";
        String response = Digest.response(Algorithm.SHA_256, ha1, nonce, "00000001", "abc", "auth", "REGISTER", uri);
        Credentials good = new Credentials("alice", "switchboard", nonce, uri, response, "SHA-256", "auth", "abc",
                "00000001");
        assertEquals(Outcome.OK, digest.verify(good, "REGISTER", ha1, now + 1000));
        assertEquals(Outcome.REPLAY, digest.verify(good, "REGISTER", ha1, now + 2000), "same nonce count again");
        assertEquals(Outcome.WRONG, digest.verify(good, "INVITE", ha1, now + 1000), "other method");
        String wrongHa1 = Digest.ha1(Algorithm.SHA_256, "alice", "switchboard", "guess");
        assertEquals(Outcome.WRONG, digest.verify(good, "REGISTER", wrongHa1, now + 1000));

        String nc2 = Digest.response(Algorithm.SHA_256, ha1, nonce, "00000002", "abc", "auth", "REGISTER", uri);
        Credentials late = new Credentials("alice", "switchboard", nonce, uri, nc2, "SHA-256", "auth", "abc", "00000002");
        assertEquals(Outcome.STALE, digest.verify(late, "REGISTER", ha1, now + Digest.NONCE_LIFETIME_MILLIS + 1));

        Credentials forged = new Credentials("alice", "switchboard", new Digest().nonce(now), uri, response, "SHA-256",
                "auth", "abc", "00000001");
        assertEquals(Outcome.UNKNOWN_NONCE, digest.verify(forged, "REGISTER", ha1, now), "another server's nonce");
        Credentials sess = new Credentials("alice", "switchboard", nonce, uri, response, "MD5-sess", "auth", "abc",
                "00000003");
        assertEquals(Outcome.UNSUPPORTED, digest.verify(sess, "REGISTER", ha1, now));
    }

    @Test
    void nonceCountsLiveInATableOfFixedSizeWhereOldNoncesTurnStale() {
        Digest digest = new Digest();
        long now = System.currentTimeMillis();
        String ha1 = Digest.ha1(Algorithm.MD5, "dave", "switchboard", "secret-pass");
        String first = digest.nonce(now);
        assertEquals(Outcome.OK, digest.verify(answer(first, ha1, "00000001"), "REGISTER", ha1, now));
        assertEquals(Outcome.OK, digest.verify(answer(first, ha1, "00000002"), "REGISTER", ha1, now), "next count");
        assertEquals(Outcome.REPLAY, digest.verify(answer(first, ha1, "00000002"), "REGISTER", ha1, now));
        String sameSlot = null;
        for (int i = 0; i < Digest.SLOTS; i++) {
            sameSlot = digest.nonce(now);
        }
        assertEquals(Outcome.OK, digest.verify(answer(sameSlot, ha1, "00000001"), "REGISTER", ha1, now),
                "a nonce issued a table's length later takes the first one's slot");
        assertEquals(Outcome.STALE, digest.verify(answer(first, ha1, "00000003"), "REGISTER", ha1, now),
                "the first nonce can no longer be tracked: its phone is challenged afresh");
        assertEquals(Outcome.REPLAY, digest.verify(answer(sameSlot, ha1, "00000001"), "REGISTER", ha1, now));
    }

    private static Credentials answer(String nonce, String ha1, String nc) {
        String r = Digest.response(Algorithm.MD5, ha1, nonce, nc, "c", "auth", "REGISTER", "sip:s");
        return new Credentials("dave", "switchboard", nonce, "sip:s", r, "MD5", "auth", "c", nc);
    }

    @Test
    void switchesThatShareAKeyTakeEachOthersNoncesAndNoOthers() {
        byte[] key = Digest.randomKey();
        Digest one = new Digest(key);
        Digest two = new Digest(key);
        long now = System.currentTimeMillis();
        String ha1 = Digest.ha1(Algorithm.MD5, "dave", "switchboard", "secret-pass");
        String fromOne = one.nonce(now);
        String fromTwo = two.nonce(now);
        assertEquals(Outcome.OK, two.verify(answer(fromOne, ha1, "00000001"), "REGISTER", ha1, now),
                "a phone whose answer reaches the other switch");
        assertEquals(Outcome.OK, two.verify(answer(fromTwo, ha1, "00000001"), "REGISTER", ha1, now),
                "the switches' first serial numbers are the same, their nonces are not");
        assertEquals(Outcome.REPLAY, two.verify(answer(fromOne, ha1, "00000001"), "REGISTER", ha1, now));
        assertEquals(Outcome.UNKNOWN_NONCE, new Digest().verify(answer(fromOne, ha1, "00000002"), "REGISTER", ha1, now),
                "a switch with a key of its own");
        assertThrows(IllegalArgumentException.class, () -> new Digest(new byte[16]));
    }

    @Test
    void challengesInTheSameMillisecondGetDifferentNonces() {
        Digest digest = new Digest();
        long now = System.currentTimeMillis();
        String a = digest.nonce(now);
        String b = digest.nonce(now);
        assertNotEquals(a, b, "else two phones answering with nc=1 would look like a replay");
        String ha1 = Digest.ha1(Algorithm.MD5, "carol", "switchboard", "secret-pass");
        for (String nonce : new String[] { a, b }) {
            String r = Digest.response(Algorithm.MD5, ha1, nonce, "00000001", "x", "auth", "REGISTER", "sip:s");
            assertEquals(Outcome.OK, digest.verify(new Credentials("carol", "switchboard", nonce, "sip:s", r, "MD5",
                    "auth", "x", "00000001"), "REGISTER", ha1, now));
        }
    }

    @Test
    void withoutQopOrWithAForgedNonceNothingIsChecked() {
        Digest digest = new Digest();
        long now = System.currentTimeMillis();
        String nonce = digest.nonce(now);
        String ha1 = Digest.ha1(Algorithm.MD5, "bob", "switchboard", "secret-pass");
        String response = Digest.response(Algorithm.MD5, ha1, nonce, null, null, null, "INVITE", "sip:200@x");
        Credentials rfc2069 = new Credentials("bob", "switchboard", nonce, "sip:200@x", response, null, null, null,
                null);
        assertEquals(Outcome.UNSUPPORTED, digest.precheck(rfc2069), "no nonce count, so a capture could be replayed");
        assertEquals(Outcome.UNSUPPORTED, digest.verify(rfc2069, "INVITE", ha1, now));
        Credentials authInt = new Credentials("bob", "switchboard", nonce, "sip:200@x", response, null, "auth-int",
                "c", "00000001");
        assertEquals(Outcome.UNSUPPORTED, digest.precheck(authInt), "only the qop the challenge offers");
        Credentials badCount = new Credentials("bob", "switchboard", nonce, "sip:200@x", response, null, "auth", "c",
                "1x");
        assertEquals(Outcome.UNSUPPORTED, digest.precheck(badCount));
        Credentials forged = new Credentials("bob", "switchboard", "AAAA" + nonce.substring(4), "sip:200@x",
                response, null, "auth", "c", "00000001");
        assertEquals(Outcome.UNKNOWN_NONCE, digest.precheck(forged), "refused before any hash is read");
        String good = Digest.response(Algorithm.MD5, ha1, nonce, "00000001", "c", "auth", "INVITE", "sip:200@x");
        assertEquals(null, digest.precheck(new Credentials("bob", "switchboard", nonce, "sip:200@x", good, null,
                "auth", "c", "00000001")));
    }
}
