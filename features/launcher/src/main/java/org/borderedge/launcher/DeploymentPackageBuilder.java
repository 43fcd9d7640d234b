package org.borderedge.launcher;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.jar.Attributes;
import java.util.jar.JarInputStream;
import java.util.jar.Manifest;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

/**
 * Builds an OSGi deployment package (OSGi Compendium 114, the format Eclipse Kura installs add-ons
 * from) out of a feature's bundles, leaving out what the host provides ({@link HostProvidedBundles}).
 *
 * <p>Layout: {@code META-INF/MANIFEST.MF} as the first entry, with DeploymentPackage-SymbolicName,
 * -Version and -Name and one {@code Name: bundles/<file>} section per bundle carrying its
 * Bundle-SymbolicName and Bundle-Version; then the bundles in that order, each bundle after the
 * bundles of the package that it imports from, requires or attaches to (ties by symbolic name).
 * The output depends only on the input bundles: fixed entry times, fixed order, a manifest written
 * byte by byte rather than through {@link Manifest} (whose sections come out in hash order).
 *
 * <p>{@code java -cp launcher-all.jar org.borderedge.launcher.DeploymentPackageBuilder --source JAR|DIR
 * --output FILE --symbolic-name NAME --version MAVEN_VERSION [--name TEXT]}; the source is a runnable
 * feature jar (its {@code bundles/} folder is read) or a folder of bundle jars.
 */
public final class DeploymentPackageBuilder {

    /** Every entry gets this time, so two builds of the same bundles are byte for byte equal. */
    static final LocalDateTime ENTRY_TIME = LocalDateTime.of(2000, 1, 1, 0, 0);
    static final String BUNDLE_FOLDER = "bundles/";
    private static final Pattern MAVEN_VERSION = Pattern.compile("(\\d+)(?:\\.(\\d+))?(?:\\.(\\d+))?(?:[-.](.+))?");

    /** A bundle in the package: its path inside the package and its identity. */
    public record PackagedBundle(String path, String symbolicName, String version) {
    }

    public record Result(Path file, String symbolicName, String version, List<PackagedBundle> bundles, List<String> leftToHost) {
    }

    /** A bundle jar read from the feature, with what decides its place in the order. */
    record BundleJar(String fileName, String symbolicName, String version, Set<String> exports, Set<String> imports,
            Set<String> requiredBundles, String fragmentHost, byte[] content) {
    }

    private DeploymentPackageBuilder() {
    }

    public static void main(String[] args) throws Exception {
        // No System.exit: the Maven build runs this in its own JVM through exec:java.
        Path source = null;
        Path output = null;
        String symbolicName = null;
        String version = null;
        String name = null;
        List<String> rest = new ArrayList<>(List.of(args));
        while (!rest.isEmpty()) {
            String a = rest.remove(0);
            if (rest.isEmpty()) {
                throw new IllegalArgumentException(a + " needs a value; usage: --source JAR|DIR --output FILE"
                        + " --symbolic-name NAME --version MAVEN_VERSION [--name TEXT]");
            }
            String v = rest.remove(0);
            switch (a) {
                case "--source": source = Path.of(v); break;
                case "--output": output = Path.of(v); break;
                case "--symbolic-name": symbolicName = v; break;
                case "--version": version = v; break;
                case "--name": name = v; break;
                default: throw new IllegalArgumentException("unknown option " + a);
            }
        }
        if (source == null || output == null || symbolicName == null || version == null) {
            throw new IllegalArgumentException("--source, --output, --symbolic-name and --version are required");
        }
        Result r = build(source, output, symbolicName, version, name == null ? symbolicName : name);
        System.out.println("Deployment package " + r.file() + ": " + r.symbolicName() + " " + r.version() + ", "
                + r.bundles().size() + " bundles (" + r.leftToHost().size() + " left to the host)");
    }

    public static Result build(Path source, Path output, String symbolicName, String mavenVersion, String name) throws IOException {
        String version = osgiVersion(mavenVersion);
        List<BundleJar> packaged = new ArrayList<>();
        List<String> leftToHost = new ArrayList<>();
        for (BundleJar b : readBundles(source)) {
            if (HostProvidedBundles.provides(b.symbolicName())) {
                leftToHost.add(b.symbolicName());
            } else {
                packaged.add(b);
            }
        }
        if (packaged.isEmpty()) {
            throw new IllegalArgumentException("no bundle of " + source + " is left once the host's bundles are removed: nothing to package");
        }
        List<BundleJar> ordered = dependencyOrder(packaged);
        List<PackagedBundle> entries = ordered.stream()
                .map(b -> new PackagedBundle(BUNDLE_FOLDER + b.fileName(), b.symbolicName(), b.version())).toList();

        Path target = output.toAbsolutePath();
        Files.createDirectories(target.getParent());
        Path tmp = target.resolveSibling(target.getFileName() + ".tmp");
        try (OutputStream file = Files.newOutputStream(tmp); ZipOutputStream zip = new ZipOutputStream(file)) {
            ZipEntry manifest = new ZipEntry("META-INF/MANIFEST.MF");
            manifest.setTimeLocal(ENTRY_TIME);
            zip.putNextEntry(manifest);
            zip.write(manifest(symbolicName, version, name, entries));
            zip.closeEntry();
            for (int i = 0; i < ordered.size(); i++) {
                byte[] content = ordered.get(i).content();
                // Stored, not deflated: the bundles are compressed jars already.
                ZipEntry e = new ZipEntry(entries.get(i).path());
                e.setMethod(ZipEntry.STORED);
                e.setSize(content.length);
                e.setCompressedSize(content.length);
                CRC32 crc = new CRC32();
                crc.update(content);
                e.setCrc(crc.getValue());
                e.setTimeLocal(ENTRY_TIME);
                zip.putNextEntry(e);
                zip.write(content);
                zip.closeEntry();
            }
        }
        Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        leftToHost.sort(null);
        return new Result(target, symbolicName, version, entries, List.copyOf(leftToHost));
    }

    /** 0.1.0-SNAPSHOT → 0.1.0.SNAPSHOT, 1.2 → 1.2.0, 1.2.3-rc1 → 1.2.3.rc1 (as bnd versions the bundles). */
    static String osgiVersion(String mavenVersion) {
        var m = MAVEN_VERSION.matcher(mavenVersion.trim());
        if (!m.matches()) {
            throw new IllegalArgumentException("not a Maven version: '" + mavenVersion + "'");
        }
        String v = m.group(1) + "." + (m.group(2) == null ? "0" : m.group(2)) + "." + (m.group(3) == null ? "0" : m.group(3));
        return m.group(4) == null ? v : v + "." + m.group(4).replaceAll("[^A-Za-z0-9_-]", "_");
    }

    static List<BundleJar> readBundles(Path source) throws IOException {
        List<BundleJar> out = new ArrayList<>();
        if (Files.isDirectory(source)) {
            try (Stream<Path> files = Files.list(source)) {
                for (Path f : (Iterable<Path>) files.sorted()::iterator) {
                    if (f.getFileName().toString().endsWith(".jar")) {
                        add(out, f.getFileName().toString(), Files.readAllBytes(f), source);
                    }
                }
            }
        } else if (Files.isRegularFile(source)) {
            try (ZipFile jar = new ZipFile(source.toFile())) {
                List<? extends ZipEntry> entries = jar.stream()
                        .filter(e -> e.getName().startsWith(BUNDLE_FOLDER) && e.getName().endsWith(".jar")
                                && e.getName().indexOf('/', BUNDLE_FOLDER.length()) < 0)
                        .sorted(Comparator.comparing(ZipEntry::getName)).toList();
                for (ZipEntry e : entries) {
                    try (InputStream in = jar.getInputStream(e)) {
                        add(out, e.getName().substring(BUNDLE_FOLDER.length()), in.readAllBytes(), source);
                    }
                }
            }
        } else {
            throw new IllegalArgumentException("no feature jar or bundle folder at " + source);
        }
        if (out.isEmpty()) {
            throw new IllegalArgumentException(source + " holds no bundles (expected a bundles/ folder of jars)");
        }
        Map<String, String> seen = new HashMap<>();
        for (BundleJar b : out) {
            String previous = seen.put(b.symbolicName(), b.fileName());
            if (previous != null) {
                throw new IllegalArgumentException(source + " holds bundle " + b.symbolicName() + " twice: " + previous
                        + " and " + b.fileName() + " (a deployment package may carry a symbolic name once)");
            }
        }
        return out;
    }

    private static void add(List<BundleJar> out, String fileName, byte[] content, Path source) throws IOException {
        Manifest manifest = manifestOf(content);
        Attributes main = manifest == null ? null : manifest.getMainAttributes();
        String bsn = main == null ? null : main.getValue("Bundle-SymbolicName");
        if (bsn == null) {
            System.err.println("deployment package: skipping " + fileName + " of " + source + ": not an OSGi bundle (no Bundle-SymbolicName)");
            return;
        }
        String version = main.getValue("Bundle-Version");
        String host = main.getValue("Fragment-Host");
        out.add(new BundleJar(fileName, firstName(bsn), version == null ? "0.0.0" : version.trim(),
                names(main.getValue("Export-Package")), names(main.getValue("Import-Package")),
                names(main.getValue("Require-Bundle")), host == null ? null : firstName(host), content));
    }

    private static Manifest manifestOf(byte[] jar) throws IOException {
        try (JarInputStream in = new JarInputStream(new ByteArrayInputStream(jar))) {
            if (in.getManifest() != null) {
                return in.getManifest();
            }
        }
        // JarInputStream sees the manifest only among the first entries; some jars put it later.
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(jar))) {
            for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                if (e.getName().equals("META-INF/MANIFEST.MF")) {
                    return new Manifest(in);
                }
            }
        }
        return null;
    }

    /**
     * Bundles ordered so that each comes after the packaged bundles it imports packages from,
     * requires, or is a fragment of; among bundles free to go, the smaller symbolic name first. A
     * dependency cycle (allowed in OSGi) is broken at its smallest symbolic name.
     */
    static List<BundleJar> dependencyOrder(List<BundleJar> bundles) {
        Comparator<BundleJar> byName = Comparator.comparing(BundleJar::symbolicName).thenComparing(BundleJar::fileName);
        Map<String, List<BundleJar>> exporters = new HashMap<>();
        Map<String, BundleJar> bySymbolicName = new HashMap<>();
        for (BundleJar b : bundles) {
            bySymbolicName.put(b.symbolicName(), b);
            for (String p : b.exports()) {
                exporters.computeIfAbsent(p, k -> new ArrayList<>()).add(b);
            }
        }
        Map<BundleJar, Set<BundleJar>> needs = new HashMap<>();
        for (BundleJar b : bundles) {
            Set<BundleJar> deps = new LinkedHashSet<>();
            for (String p : b.imports()) {
                deps.addAll(exporters.getOrDefault(p, List.of()));
            }
            for (String r : b.requiredBundles()) {
                if (bySymbolicName.containsKey(r)) {
                    deps.add(bySymbolicName.get(r));
                }
            }
            if (b.fragmentHost() != null && bySymbolicName.containsKey(b.fragmentHost())) {
                deps.add(bySymbolicName.get(b.fragmentHost()));
            }
            deps.remove(b);
            needs.put(b, deps);
        }
        List<BundleJar> ordered = new ArrayList<>();
        TreeSet<BundleJar> remaining = new TreeSet<>(byName);
        remaining.addAll(bundles);
        while (!remaining.isEmpty()) {
            BundleJar next = remaining.stream().filter(b -> ordered.containsAll(needs.get(b))).findFirst()
                    .orElse(remaining.first());
            ordered.add(next);
            remaining.remove(next);
        }
        return ordered;
    }

    /** The manifest bytes: main section, then one section per bundle, lines wrapped at 72 bytes as the JAR format wants. */
    static byte[] manifest(String symbolicName, String version, String name, List<PackagedBundle> bundles) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        header(out, "Manifest-Version", "1.0");
        header(out, "DeploymentPackage-SymbolicName", symbolicName);
        header(out, "DeploymentPackage-Version", version);
        header(out, "DeploymentPackage-Name", name);
        header(out, "Created-By", "BorderEdge DeploymentPackageBuilder");
        for (PackagedBundle b : bundles) {
            out.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
            header(out, "Name", b.path());
            header(out, "Bundle-SymbolicName", b.symbolicName());
            header(out, "Bundle-Version", b.version());
        }
        out.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
        return out.toByteArray();
    }

    private static void header(ByteArrayOutputStream out, String key, String value) {
        String line = key + ": " + value;
        int lineBytes = 0;
        for (int i = 0; i < line.length(); ) {
            int cp = line.codePointAt(i);
            byte[] b = new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8);
            if (lineBytes + b.length > 72) {
                out.writeBytes("\r\n ".getBytes(StandardCharsets.US_ASCII));
                lineBytes = 1;
            }
            out.writeBytes(b);
            lineBytes += b.length;
            i += Character.charCount(cp);
        }
        out.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
    }

    private static String firstName(String header) {
        int semicolon = header.indexOf(';');
        return (semicolon < 0 ? header : header.substring(0, semicolon)).trim();
    }

    /** The package or bundle names of an OSGi header: each clause's leading names before its attributes and directives. */
    static Set<String> names(String header) {
        Set<String> names = new TreeSet<>();
        if (header == null) {
            return names;
        }
        for (String clause : split(header, ',')) {
            for (String part : split(clause, ';')) {
                if (part.contains("=")) {
                    break;
                }
                if (!part.isBlank()) {
                    names.add(part.trim());
                }
            }
        }
        return names;
    }

    private static List<String> split(String s, char separator) {
        List<String> parts = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        boolean quoted = false;
        for (char c : s.toCharArray()) {
            if (c == '"') {
                quoted = !quoted;
            }
            if (c == separator && !quoted) {
                parts.add(current.toString());
                current.setLength(0);
            } else {
                current.append(c);
            }
        }
        parts.add(current.toString());
        return parts;
    }
}
