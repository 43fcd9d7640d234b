package org.borderedge.sim.scenario;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Finds a runnable jar of the build (the gateway or the demo) for scenarios and benchmarks: an
 * explicit path (system property or environment), else {@code relativePath} below the current
 * directory, below the folder the simulator jar was started from, or any of their parents.
 */
public final class JarLocator {

    private JarLocator() {
    }

    /**
     * @param variable e.g. {@code BORDEREDGE_GATEWAY_JAR}, read as a system property and an environment variable
     * @param relativePath e.g. {@code features/gateway/target/borderedge-gateway.jar}
     */
    public static Path locate(String variable, String relativePath) {
        String explicit = Optional.ofNullable(System.getProperty(variable)).orElse(System.getenv(variable));
        if (explicit != null && !explicit.isBlank()) {
            Path p = Path.of(explicit);
            if (!Files.isRegularFile(p)) {
                throw new IllegalStateException(variable + " points at " + p + ", which is not a file");
            }
            return p;
        }
        List<Path> starts = new ArrayList<>();
        starts.add(Path.of("").toAbsolutePath());
        try {
            starts.add(Path.of(JarLocator.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toAbsolutePath());
        } catch (Exception e) {
            // Running from an unusual class loader: the current directory is still searched.
        }
        List<Path> tried = new ArrayList<>();
        for (Path start : starts) {
            for (Path dir = start; dir != null; dir = dir.getParent()) {
                Path candidate = dir.resolve(relativePath);
                tried.add(candidate);
                if (Files.isRegularFile(candidate)) {
                    return candidate;
                }
            }
        }
        throw new IllegalStateException("cannot find " + relativePath + " (build it with `mvn -B -q install -DskipTests` "
                + "or set " + variable + "); looked at " + tried.subList(0, Math.min(4, tried.size())) + " ...");
    }
}
