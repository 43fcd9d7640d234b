package org.borderedge.camera.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Locale;

/**
 * One push camera's credentials and the HTTP scheme it must use: Basic (sent with every push,
 * compared in constant time) or Digest (challenge/response, the password never on the wire).
 */
final class PushCredentials {

    enum Scheme { BASIC, DIGEST }

    private final String user;
    private final String password;
    private final Scheme scheme;
    private final byte[] basicExpected;

    PushCredentials(String user, String password, String scheme) {
        if (user == null || user.isEmpty() || password == null || password.isEmpty()) {
            throw new IllegalArgumentException("a push camera needs options 'user' and 'password': "
                    + "without them anyone on the network could push a plate read and release a truck");
        }
        if (user.indexOf(':') >= 0) {
            throw new IllegalArgumentException("option 'user' must not contain ':'");
        }
        try {
            this.scheme = Scheme.valueOf(scheme.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("option 'auth' must be basic or digest, got '" + scheme + "'");
        }
        this.user = user;
        this.password = password;
        this.basicExpected = (user + ":" + password).getBytes(StandardCharsets.UTF_8);
    }

    Scheme scheme() {
        return scheme;
    }

    DigestChallenges.Verdict check(PushRequest request, DigestChallenges digest) {
        if (scheme == Scheme.DIGEST) {
            return digest.verify(request.authorization(), request.method(), request.requestUri(), user, password);
        }
        return basicMatches(request.authorization()) ? DigestChallenges.Verdict.VALID : DigestChallenges.Verdict.INVALID;
    }

    private boolean basicMatches(String authorization) {
        if (authorization == null) {
            return false;
        }
        String a = authorization.strip();
        if (a.length() < 6 || !a.regionMatches(true, 0, "Basic ", 0, 6)) {
            return false;
        }
        byte[] given;
        try {
            given = Base64.getDecoder().decode(a.substring(6).strip());
        } catch (IllegalArgumentException e) {
            return false;
        }
        return MessageDigest.isEqual(basicExpected, given);
    }
}
