package org.borderedge.camera.internal;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * HTTP Digest (RFC 7616, qop=auth, MD5 or SHA-256) for camera pushes. Nonces are stateless
 * (issue time + HMAC under a per-process key) and expire after {@link #NONCE_LIFETIME_MS}; the
 * nonce count of each nonce must grow, so a captured request cannot be replayed. Unlike Basic,
 * the password never crosses the network.
 */
final class DigestChallenges {

    static final String REALM = "BorderEdge";
    static final long NONCE_LIFETIME_MS = 300_000;
    private static final int MAX_TRACKED_NONCES = 10_000;

    /** The verdict on a Digest Authorization header. */
    enum Verdict { VALID, STALE, INVALID }

    private final Clock clock;
    private final byte[] key = new byte[32];
    private final Map<String, Long> highestCount = new LinkedHashMap<>(16, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Long> eldest) {
            return size() > MAX_TRACKED_NONCES;
        }
    };

    DigestChallenges(Clock clock) {
        this.clock = clock;
        new SecureRandom().nextBytes(key);
    }

    String challenge(boolean stale) {
        return "Digest realm=\"" + REALM + "\", qop=\"auth\", algorithm=MD5, nonce=\"" + nonce() + "\""
                + (stale ? ", stale=true" : "");
    }

    private String nonce() {
        String issued = Long.toString(clock.millis());
        return issued + "-" + hmac(issued);
    }

    private String hmac(String text) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(text.getBytes(StandardCharsets.US_ASCII)), 0, 16);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }

    static boolean isDigest(String authorization) {
        return authorization != null && authorization.strip().regionMatches(true, 0, "Digest ", 0, 7);
    }

    /** Checks a Digest header for this user and password; the request's method and URI are part of what is signed. */
    Verdict verify(String authorization, String method, String requestUri, String user, String password) {
        if (!isDigest(authorization)) {
            return Verdict.INVALID;
        }
        Map<String, String> p = parameters(authorization.strip().substring(7));
        String nonce = p.get("nonce");
        String response = p.get("response");
        String qop = p.get("qop");
        String nc = p.get("nc");
        String cnonce = p.get("cnonce");
        String uri = p.get("uri");
        String algorithm = p.getOrDefault("algorithm", "MD5").toUpperCase(Locale.ROOT);
        if (nonce == null || response == null || uri == null || !"auth".equals(qop) || nc == null || cnonce == null
                || !user.equals(p.get("username")) || !REALM.equals(p.get("realm")) || !uri.equals(requestUri)) {
            return Verdict.INVALID;
        }
        String digest = switch (algorithm) {
            case "MD5" -> "MD5";
            case "SHA-256" -> "SHA-256";
            default -> null;
        };
        if (digest == null) {
            return Verdict.INVALID;
        }
        int dash = nonce.indexOf('-');
        if (dash < 1 || !MessageDigest.isEqual(hmac(nonce.substring(0, dash)).getBytes(StandardCharsets.US_ASCII),
                nonce.substring(dash + 1).getBytes(StandardCharsets.US_ASCII))) {
            return Verdict.INVALID;
        }
        String ha1 = hash(digest, user + ":" + REALM + ":" + password);
        String ha2 = hash(digest, method + ":" + uri);
        String expected = hash(digest, ha1 + ":" + nonce + ":" + nc + ":" + cnonce + ":" + qop + ":" + ha2);
        if (!MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII),
                response.toLowerCase(Locale.ROOT).getBytes(StandardCharsets.US_ASCII))) {
            return Verdict.INVALID;
        }
        long issued;
        long count;
        try {
            issued = Long.parseLong(nonce.substring(0, dash));
            count = Long.parseLong(nc, 16);
        } catch (NumberFormatException e) {
            return Verdict.INVALID;
        }
        if (clock.millis() - issued > NONCE_LIFETIME_MS) {
            return Verdict.STALE;
        }
        synchronized (highestCount) {
            Long previous = highestCount.get(nonce);
            if (previous != null && count <= previous) {
                return Verdict.INVALID;
            }
            highestCount.put(nonce, count);
        }
        return Verdict.VALID;
    }

    private static String hash(String algorithm, String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance(algorithm).digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(algorithm + " unavailable", e);
        }
    }

    /** key=value and key="value" pairs, comma-separated; quoted values may contain commas. */
    static Map<String, String> parameters(String text) {
        Map<String, String> out = new HashMap<>();
        int i = 0;
        int n = text.length();
        while (i < n) {
            while (i < n && (text.charAt(i) == ',' || Character.isWhitespace(text.charAt(i)))) {
                i++;
            }
            int eq = text.indexOf('=', i);
            if (eq < 0) {
                break;
            }
            String name = text.substring(i, eq).strip().toLowerCase(Locale.ROOT);
            i = eq + 1;
            String value;
            if (i < n && text.charAt(i) == '"') {
                StringBuilder v = new StringBuilder();
                i++;
                while (i < n && text.charAt(i) != '"') {
                    if (text.charAt(i) == '\\' && i + 1 < n) {
                        i++;
                    }
                    v.append(text.charAt(i++));
                }
                i++;
                value = v.toString();
            } else {
                int comma = text.indexOf(',', i);
                int end = comma < 0 ? n : comma;
                value = text.substring(i, end).strip();
                i = end;
            }
            out.put(name, value);
        }
        return out;
    }
}
