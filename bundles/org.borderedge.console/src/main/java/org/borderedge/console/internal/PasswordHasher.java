package org.borderedge.console.internal;

import com.password4j.Argon2Function;
import com.password4j.Password;
import com.password4j.types.Argon2;

/**
 * Argon2id with the OWASP minimum (19 MiB, 2 passes, 1 lane): slow enough to make an offline
 * guess costly, fast enough (~50 ms here) for a gate PC handling a few logins per shift.
 */
final class PasswordHasher {

    private static final Argon2Function ARGON2 = Argon2Function.getInstance(19 * 1024, 2, 1, 32, Argon2.ID, 19);

    String hash(String password) {
        return Password.hash(password).addRandomSalt(16).with(ARGON2).getResult();
    }

    boolean verify(String password, String encoded) {
        if (encoded == null || !encoded.startsWith("$argon2")) {
            return false;
        }
        try {
            return Password.check(password, encoded).with(Argon2Function.getInstanceFromHash(encoded));
        } catch (RuntimeException badHash) {
            return false;
        }
    }
}
