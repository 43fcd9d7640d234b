package org.borderedge.launcher;

import java.util.List;

/**
 * The bundles an Eclipse Kura-style OSGi host already runs, and which a BorderEdge deployment
 * package therefore leaves out: the framework services (Declarative Services with its API and
 * promise/function, ConfigAdmin, Metatype, EventAdmin, Log), the HTTP whiteboard runtime with the
 * servlet API and its commons libraries, the Gogo shell, and slf4j with SPI Fly and asm.
 *
 * <p>Everything else a feature carries (BorderEdge's bundles and their libraries: Jackson, SQLite,
 * Paho ...) goes into the package. This is the one place that list is defined; the deployment
 * package builder and DeploymentPackageIT both read it. A pattern ending in {@code *} matches a
 * symbolic-name prefix.
 */
public final class HostProvidedBundles {

    public static final List<String> PATTERNS = List.of(
            "org.apache.felix.scr", "org.osgi.service.component", "org.osgi.util.promise", "org.osgi.util.function",
            "org.apache.felix.configadmin", "org.apache.felix.metatype", "org.apache.felix.eventadmin", "org.apache.felix.log",
            "org.apache.felix.http.jetty*", "org.apache.felix.http.servlet-api",
            "org.apache.commons.commons-fileupload", "org.apache.commons.commons-io",
            "org.apache.felix.gogo.*",
            "slf4j.*", "org.apache.aries.spifly.dynamic.bundle", "org.objectweb.asm*");

    private HostProvidedBundles() {
    }

    public static boolean provides(String symbolicName) {
        for (String p : PATTERNS) {
            if (p.endsWith("*") ? symbolicName.startsWith(p.substring(0, p.length() - 1)) : symbolicName.equals(p)) {
                return true;
            }
        }
        return false;
    }
}
