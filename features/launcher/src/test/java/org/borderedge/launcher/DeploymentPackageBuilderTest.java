package org.borderedge.launcher;

import static org.junit.jupiter.api.Assertions.*;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarInputStream;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DeploymentPackageBuilderTest {

    /** A symbolic name long enough that its manifest line must be wrapped. */
    static final String LONG_NAME = "org.borderedge.a.bundle.with.a.very.long.symbolic.name.that.needs.wrapping";

    @TempDir
    Path dir;

    private Path featureFolder() throws IOException {
        Path bundles = Files.createDirectories(dir.resolve("bundles"));
        bundle(bundles.resolve("app.jar"), "alpha.app;singleton:=true", "1.0.0", null,
                "com.z;version=\"[1,2)\",com.y,org.slf4j;version=\"[2,3)\"");
        bundle(bundles.resolve("y.jar"), "beta.y", "2.1.0", "com.y;uses:=\"com.z,java.util\";version=\"2.1\"", "com.z");
        bundle(bundles.resolve("z.jar"), "zeta.lib", "3.0.0.v1", "com.z;version=\"3.0\"", null);
        bundle(bundles.resolve("long.jar"), LONG_NAME, "0.1.0.202611230047", null, "com.y");
        bundle(bundles.resolve("slf4j-api.jar"), "slf4j.api", "2.0.17", "org.slf4j;version=\"2.0.17\"", null);
        bundle(bundles.resolve("scr.jar"), "org.apache.felix.scr", "2.2.18", null, null);
        bundle(bundles.resolve("plain.jar"), null, null, null, null);
        return bundles;
    }

    @Test
    void packagesTheFeatureWithoutTheHostsBundlesDependenciesFirst() throws Exception {
        Path bundles = featureFolder();
        var result = DeploymentPackageBuilder.build(bundles, dir.resolve("out/feature.dp"), "org.borderedge.test", "0.1.0-SNAPSHOT", "Test feature");

        assertEquals(List.of("org.apache.felix.scr", "slf4j.api"), result.leftToHost());
        assertEquals(List.of("zeta.lib", "beta.y", "alpha.app", LONG_NAME),
                result.bundles().stream().map(DeploymentPackageBuilder.PackagedBundle::symbolicName).toList());

        byte[] dp = Files.readAllBytes(result.file());
        List<String> entryNames = new ArrayList<>();
        String manifestText = null;
        try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(dp))) {
            for (ZipEntry e = zip.getNextEntry(); e != null; e = zip.getNextEntry()) {
                entryNames.add(e.getName());
                if (e.getName().equals("META-INF/MANIFEST.MF")) {
                    manifestText = new String(zip.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
                }
            }
        }
        assertEquals(List.of("META-INF/MANIFEST.MF", "bundles/z.jar", "bundles/y.jar", "bundles/app.jar", "bundles/long.jar"), entryNames,
                "the manifest first, then the bundles in manifest order");

        try (JarInputStream jar = new JarInputStream(new ByteArrayInputStream(dp))) {
            Manifest m = jar.getManifest();
            assertNotNull(m, "a JarInputStream (as DeploymentAdmin reads the stream) finds the manifest");
            Attributes main = m.getMainAttributes();
            assertEquals("org.borderedge.test", main.getValue("DeploymentPackage-SymbolicName"));
            assertEquals("0.1.0.SNAPSHOT", main.getValue("DeploymentPackage-Version"));
            assertEquals("Test feature", main.getValue("DeploymentPackage-Name"));
            assertEquals("zeta.lib", m.getAttributes("bundles/z.jar").getValue("Bundle-SymbolicName"));
            assertEquals("3.0.0.v1", m.getAttributes("bundles/z.jar").getValue("Bundle-Version"));
            assertEquals("alpha.app", m.getAttributes("bundles/app.jar").getValue("Bundle-SymbolicName"),
                    "directives are not part of the symbolic name");
            assertEquals(LONG_NAME, m.getAttributes("bundles/long.jar").getValue("Bundle-SymbolicName"), "wrapped lines read back whole");
            assertEquals(4, m.getEntries().size());
            for (ZipEntry e = jar.getNextJarEntry(); e != null; e = jar.getNextJarEntry()) {
                Manifest bundleManifest = new JarInputStream(jar).getManifest();
                assertEquals(m.getAttributes(e.getName()).getValue("Bundle-Version"),
                        bundleManifest.getMainAttributes().getValue("Bundle-Version"), e.getName());
            }
        }
        assertTrue(manifestText.startsWith("Manifest-Version: 1.0\r\n"), manifestText);
        assertTrue(manifestText.contains("\r\n "), "the long symbolic name is wrapped: " + manifestText);
        for (String line : manifestText.split("\r\n")) {
            assertTrue(line.length() <= 72, "manifest line over 72 bytes: " + line);
        }
    }

    @Test
    void buildsTheSameBytesTwiceAndTheSamePackageFromTheRunnableJar() throws Exception {
        Path bundles = featureFolder();
        byte[] first = Files.readAllBytes(DeploymentPackageBuilder.build(bundles, dir.resolve("a.dp"), "x.y", "1.2", "x").file());
        byte[] again = Files.readAllBytes(DeploymentPackageBuilder.build(bundles, dir.resolve("b.dp"), "x.y", "1.2", "x").file());
        assertArrayEquals(first, again);

        Path runnable = dir.resolve("feature.jar");
        try (ZipOutputStream jar = new ZipOutputStream(Files.newOutputStream(runnable))) {
            jar.putNextEntry(new ZipEntry("org/borderedge/launcher/Main.class"));
            jar.closeEntry();
            try (var files = Files.list(bundles)) {
                for (Path f : files.sorted().toList()) {
                    jar.putNextEntry(new ZipEntry("bundles/" + f.getFileName()));
                    jar.write(Files.readAllBytes(f));
                    jar.closeEntry();
                }
            }
        }
        byte[] fromJar = Files.readAllBytes(DeploymentPackageBuilder.build(runnable, dir.resolve("c.dp"), "x.y", "1.2", "x").file());
        assertArrayEquals(first, fromJar);
    }

    @Test
    void refusesWhatDeploymentAdminWouldRefuse() throws Exception {
        Path bundles = featureFolder();
        bundle(bundles.resolve("z-again.jar"), "zeta.lib", "3.0.1", null, null);
        IllegalArgumentException twice = assertThrows(IllegalArgumentException.class,
                () -> DeploymentPackageBuilder.build(bundles, dir.resolve("x.dp"), "x", "1.0.0", "x"));
        assertTrue(twice.getMessage().contains("zeta.lib twice"), twice.getMessage());

        Path onlyHost = Files.createDirectories(dir.resolve("host"));
        bundle(onlyHost.resolve("scr.jar"), "org.apache.felix.scr", "2.2.18", null, null);
        IllegalArgumentException empty = assertThrows(IllegalArgumentException.class,
                () -> DeploymentPackageBuilder.build(onlyHost, dir.resolve("y.dp"), "x", "1.0.0", "x"));
        assertTrue(empty.getMessage().contains("nothing to package"), empty.getMessage());
        assertFalse(Files.exists(dir.resolve("y.dp")));
    }

    @Test
    void mavenVersionsBecomeOsgiVersions() {
        assertEquals("0.1.0.SNAPSHOT", DeploymentPackageBuilder.osgiVersion("0.1.0-SNAPSHOT"));
        assertEquals("1.2.0", DeploymentPackageBuilder.osgiVersion("1.2"));
        assertEquals("1.2.3.rc1", DeploymentPackageBuilder.osgiVersion("1.2.3-rc1"));
        assertEquals("2.0.0.beta_2", DeploymentPackageBuilder.osgiVersion("2-beta+2"));
        assertThrows(IllegalArgumentException.class, () -> DeploymentPackageBuilder.osgiVersion("latest"));
    }

    @Test
    void theHostProvidesFrameworkServicesNotOurLibraries() {
        for (String bsn : List.of("org.apache.felix.scr", "org.apache.felix.http.jetty12", "org.apache.felix.gogo.shell",
                "slf4j.simple", "org.objectweb.asm.tree.analysis", "org.apache.felix.eventadmin")) {
            assertTrue(HostProvidedBundles.provides(bsn), bsn);
        }
        for (String bsn : List.of("org.borderedge.core", "com.fasterxml.jackson.core.jackson-databind", "org.xerial.sqlite-jdbc",
                "org.apache.felix.scr.extra", "org.apache.felix.deploymentadmin")) {
            assertFalse(HostProvidedBundles.provides(bsn), bsn);
        }
    }

    /** A jar with the given manifest headers (null leaves a header out) and one class-like entry. */
    static void bundle(Path file, String bsn, String version, String exports, String imports) throws IOException {
        Manifest m = new Manifest();
        Attributes a = m.getMainAttributes();
        a.put(Attributes.Name.MANIFEST_VERSION, "1.0");
        if (bsn != null) {
            a.putValue("Bundle-ManifestVersion", "2");
            a.putValue("Bundle-SymbolicName", bsn);
            a.putValue("Bundle-Version", version);
        }
        if (exports != null) {
            a.putValue("Export-Package", exports);
        }
        if (imports != null) {
            a.putValue("Import-Package", imports);
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (JarOutputStream jar = new JarOutputStream(bytes, m)) {
            jar.putNextEntry(new ZipEntry("content.txt"));
            jar.write(file.getFileName().toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
            jar.closeEntry();
        }
        try (OutputStream out = Files.newOutputStream(file)) {
            out.write(bytes.toByteArray());
        }
    }
}
