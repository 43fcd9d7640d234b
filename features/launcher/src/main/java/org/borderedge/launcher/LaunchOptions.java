package org.borderedge.launcher;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * How to start a gateway. Validated once here, then immutable.
 *
 * @param extraConfigurations configurations by PID added on top of the site file's (the demo's generated secrets)
 */
public record LaunchOptions(Path siteFile, Path dataDir, String httpHost, int httpPort, boolean shell,
        Map<String, String> frameworkProperties, Map<String, Map<String, Object>> extraConfigurations,
        Duration readyTimeout) {

    public LaunchOptions {
        Objects.requireNonNull(siteFile, "site file");
        Objects.requireNonNull(dataDir, "data dir");
        httpHost = httpHost == null || httpHost.isBlank() ? "127.0.0.1" : httpHost;
        if (httpPort <= 0 || httpPort > 65535) {
            throw new IllegalArgumentException("http port must be 1-65535: " + httpPort);
        }
        frameworkProperties = frameworkProperties == null ? Map.of() : Map.copyOf(frameworkProperties);
        extraConfigurations = extraConfigurations == null ? Map.of() : Map.copyOf(extraConfigurations);
        readyTimeout = readyTimeout == null ? Duration.ofSeconds(60) : readyTimeout;
    }

    public static LaunchOptions of(Path siteFile, Path dataDir, int httpPort) {
        return new LaunchOptions(siteFile, dataDir, "127.0.0.1", httpPort, false, Map.of(), Map.of(), null);
    }
}
