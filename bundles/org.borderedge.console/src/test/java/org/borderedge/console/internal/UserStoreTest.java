package org.borderedge.console.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UserStoreTest {

    @TempDir
    Path dir;

    @Test
    void argon2idHashesSurviveARestartAndNothingSecretIsStoredInClear() throws Exception {
        Path file = dir.resolve("users.json");
        UserStore store = new UserStore(file, Clock.systemUTC());
        long t0 = System.nanoTime();
        store.create("tech", "Tech-pass-2026", Role.TECHNICIAN);
        System.out.printf("console.argon2id.hash_ms %.1f%n", (System.nanoTime() - t0) / 1e6);
        String token = store.createToken("tech", "plc");

        UserStore reopened = new UserStore(file, Clock.systemUTC());
        long t1 = System.nanoTime();
        assertEquals(Role.TECHNICIAN, reopened.authenticate("TECH", "Tech-pass-2026").orElseThrow().role());
        System.out.printf("console.argon2id.verify_ms %.1f%n", (System.nanoTime() - t1) / 1e6);
        assertTrue(reopened.authenticate("tech", "tech-pass-2026").isEmpty());
        assertTrue(reopened.authenticate("nobody", "Tech-pass-2026").isEmpty());
        assertTrue(reopened.authenticateToken(token).orElseThrow().viaToken());
        assertTrue(reopened.authenticateToken(token + "x").isEmpty());

        String stored = Files.readString(file);
        assertFalse(stored.contains("Tech-pass-2026"));
        assertFalse(stored.contains(token));
        assertTrue(stored.contains("$argon2id$"));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
    }

    @Test
    void refusesWeakPasswordsOddNamesAndDuplicates() {
        UserStore store = new UserStore(dir.resolve("users.json"), Clock.systemUTC());
        assertThrows(IllegalArgumentException.class, () -> store.create("tech", "short", Role.VIEWER));
        assertThrows(IllegalArgumentException.class, () -> store.create("a b", "Long-enough-1", Role.VIEWER));
        store.create("tech", "Long-enough-1", Role.VIEWER);
        assertThrows(IllegalArgumentException.class, () -> store.create("TECH", "Long-enough-2", Role.VIEWER));
    }

    @Test
    void aTokenForNoUserIsRefusedAsBadInput() {
        // POST /console/api/tokens without "user" once answered 500 (a NullPointerException); it is a 400.
        UserStore store = new UserStore(dir.resolve("users.json"), Clock.systemUTC());
        assertThrows(IllegalArgumentException.class, () -> store.createToken(null, "plc"));
        assertThrows(IllegalArgumentException.class, () -> store.createToken(" ", "plc"));
        assertThrows(IllegalArgumentException.class, () -> store.createToken("nobody", "plc"));
    }
}
