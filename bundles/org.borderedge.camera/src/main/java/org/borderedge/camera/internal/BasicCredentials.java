package org.borderedge.camera.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;

/** One camera's HTTP Basic credentials, compared in constant time so timing does not leak the password. */
final class BasicCredentials {

    private final byte[] expected;

    BasicCredentials(String user, String password) {
        if (user == null || user.isEmpty() || password == null || password.isEmpty()) {
            throw new IllegalArgumentException("a push camera needs options 'user' and 'password': "
                    + "without them anyone on the network could push a plate read and release a truck");
        }
        if (user.indexOf(':') >= 0) {
            throw new IllegalArgumentException("option 'user' must not contain ':'");
        }
        expected = (user + ":" + password).getBytes(StandardCharsets.UTF_8);
    }

    boolean matches(String authorization) {
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
        return MessageDigest.isEqual(expected, given);
    }

    static String header(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }
}
