package org.borderedge.sync.mqtt.internal;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** HMAC-SHA256 over the exact UTF-8 bytes of an envelope's body string. */
final class Signatures {

    private Signatures() {
    }

    static String hmacHex(byte[] key, String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }

    /** Constant-time comparison, so a forger learns nothing from timing. */
    static boolean valid(byte[] key, String body, String hexSignature) {
        if (hexSignature == null) {
            return false;
        }
        byte[] expected = hmacHex(key, body).getBytes(StandardCharsets.US_ASCII);
        byte[] given = hexSignature.toLowerCase(java.util.Locale.ROOT).getBytes(StandardCharsets.US_ASCII);
        return MessageDigest.isEqual(expected, given);
    }
}
