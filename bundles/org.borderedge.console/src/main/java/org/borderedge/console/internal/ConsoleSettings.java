package org.borderedge.console.internal;

import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;

/**
 * Validated console settings.
 *
 * @param dataDir the console's own folder (users, audit log, TLS keystore)
 * @param bootstrapUser first supervisor to create when no user exists, or empty
 */
record ConsoleSettings(Path dataDir, ZoneId zone, Duration idleTimeout, Duration absoluteTimeout,
        String bootstrapUser, String bootstrapPassword, int freeLoginAttempts, Duration loginWindow,
        Duration baseLock, Duration maxLock) {

    static ConsoleSettings defaults(Path dataDir, ZoneId zone) {
        return new ConsoleSettings(dataDir, zone, Duration.ofMinutes(15), Duration.ofHours(12), "", "", 5,
                Duration.ofMinutes(15), Duration.ofSeconds(30), Duration.ofMinutes(15));
    }

    ConsoleSettings withBootstrap(String user, String password) {
        return new ConsoleSettings(dataDir, zone, idleTimeout, absoluteTimeout, user, password, freeLoginAttempts,
                loginWindow, baseLock, maxLock);
    }

    ConsoleSettings withIdleTimeout(Duration idle) {
        return new ConsoleSettings(dataDir, zone, idle, absoluteTimeout, bootstrapUser, bootstrapPassword,
                freeLoginAttempts, loginWindow, baseLock, maxLock);
    }
}
