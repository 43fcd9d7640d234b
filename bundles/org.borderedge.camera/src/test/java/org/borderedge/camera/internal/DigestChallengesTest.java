package org.borderedge.camera.internal;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DigestChallengesTest {

    private Instant now = Instant.parse("2026-11-23T01:00:00Z");
    private final Clock clock = new Clock() {
        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    };
    private final DigestChallenges digest = new DigestChallenges(clock);

    /** A client's answer, computed independently of the class under test (RFC 7616, MD5, qop=auth). */
    static String answer(String challenge, String user, String password, String method, String uri, String nc) throws Exception {
        Map<String, String> c = DigestChallenges.parameters(challenge.substring("Digest ".length()));
        String cnonce = "0a4f113b";
        String ha1 = md5(user + ":" + c.get("realm") + ":" + password);
        String ha2 = md5(method + ":" + uri);
        String response = md5(ha1 + ":" + c.get("nonce") + ":" + nc + ":" + cnonce + ":auth:" + ha2);
        return "Digest username=\"" + user + "\", realm=\"" + c.get("realm") + "\", nonce=\"" + c.get("nonce") + "\", uri=\"" + uri
                + "\", qop=auth, nc=" + nc + ", cnonce=\"" + cnonce + "\", response=\"" + response + "\", algorithm=MD5";
    }

    static String md5(String s) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(s.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void aCorrectAnswerIsValidOnceAndItsReplayIsNot() throws Exception {
        String auth = answer(digest.challenge(false), "cam", "pw", "POST", "/isapi/anpr", "00000001");
        assertEquals(DigestChallenges.Verdict.VALID, digest.verify(auth, "POST", "/isapi/anpr", "cam", "pw"));
        assertEquals(DigestChallenges.Verdict.INVALID, digest.verify(auth, "POST", "/isapi/anpr", "cam", "pw"), "replayed");
        String next = auth.replace("nc=00000001", "nc=00000002");
        assertEquals(DigestChallenges.Verdict.INVALID, digest.verify(next, "POST", "/isapi/anpr", "cam", "pw"),
                "a new nc without a new response hash is forged");
        String proper = answer(digest.challenge(false), "cam", "pw", "POST", "/isapi/anpr", "00000002");
        assertEquals(DigestChallenges.Verdict.VALID, digest.verify(proper, "POST", "/isapi/anpr", "cam", "pw"));
    }

    @Test
    void wrongPasswordUserUriMethodOrForeignNonceAreInvalid() throws Exception {
        String challenge = digest.challenge(false);
        assertEquals(DigestChallenges.Verdict.INVALID, digest.verify(answer(challenge, "cam", "guess", "POST", "/isapi/anpr", "00000001"),
                "POST", "/isapi/anpr", "cam", "pw"));
        assertEquals(DigestChallenges.Verdict.INVALID, digest.verify(answer(challenge, "other", "pw", "POST", "/isapi/anpr", "00000001"),
                "POST", "/isapi/anpr", "cam", "pw"));
        assertEquals(DigestChallenges.Verdict.INVALID, digest.verify(answer(challenge, "cam", "pw", "POST", "/elsewhere", "00000001"),
                "POST", "/isapi/anpr", "cam", "pw"));
        assertEquals(DigestChallenges.Verdict.INVALID, digest.verify(answer(challenge, "cam", "pw", "GET", "/isapi/anpr", "00000001"),
                "POST", "/isapi/anpr", "cam", "pw"));
        String foreign = new DigestChallenges(clock).challenge(false);
        assertEquals(DigestChallenges.Verdict.INVALID, digest.verify(answer(foreign, "cam", "pw", "POST", "/isapi/anpr", "00000001"),
                "POST", "/isapi/anpr", "cam", "pw"), "a nonce this gateway did not issue");
        assertEquals(DigestChallenges.Verdict.INVALID, digest.verify("Basic Y2FtOnB3", "POST", "/isapi/anpr", "cam", "pw"));
        assertEquals(DigestChallenges.Verdict.INVALID, digest.verify("Digest garbage", "POST", "/isapi/anpr", "cam", "pw"));
        assertEquals(DigestChallenges.Verdict.INVALID, digest.verify(null, "POST", "/isapi/anpr", "cam", "pw"));
    }

    @Test
    void anExpiredNonceIsStaleSoTheCameraRetriesWithAFreshOne() throws Exception {
        String challenge = digest.challenge(false);
        now = now.plus(Duration.ofMillis(DigestChallenges.NONCE_LIFETIME_MS + 1));
        assertEquals(DigestChallenges.Verdict.STALE, digest.verify(answer(challenge, "cam", "pw", "POST", "/isapi/anpr", "00000001"),
                "POST", "/isapi/anpr", "cam", "pw"));
        assertTrue(digest.challenge(true).contains("stale=true"));
    }
}
