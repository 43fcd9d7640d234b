package org.borderedge.launcher;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/**
 * The bundles of the feature being launched: the {@code bundles/} folder of the runnable jar
 * (or of target/classes when run from a build), copied there by the feature's Maven module.
 */
final class FeatureBundles {

    /** A bundle file inside the feature. */
    record Entry(String fileName, URL url) {
        InputStream open() throws IOException {
            return url.openStream();
        }
    }

    private FeatureBundles() {
    }

    static List<Entry> list(ClassLoader loader) {
        URL folder = loader.getResource("bundles/");
        if (folder == null) {
            throw new IllegalStateException("this jar carries no bundles/ folder: build a feature (features/gateway or features/demo)");
        }
        try {
            return "jar".equals(folder.getProtocol()) ? fromJar(folder) : fromDirectory(Path.of(folder.toURI()));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the feature's bundles at " + folder, e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<Entry> fromJar(URL folder) throws IOException {
        List<Entry> out = new ArrayList<>();
        JarURLConnection connection = (JarURLConnection) folder.openConnection();
        connection.setUseCaches(false);
        try (JarFile jar = connection.getJarFile()) {
            Enumeration<JarEntry> entries = jar.entries();
            while (entries.hasMoreElements()) {
                JarEntry e = entries.nextElement();
                if (e.getName().startsWith("bundles/") && e.getName().endsWith(".jar") && e.getName().indexOf('/', 8) < 0) {
                    out.add(new Entry(e.getName().substring(8), new URL(folder, e.getName().substring(8))));
                }
            }
        }
        out.sort((a, b) -> a.fileName().compareTo(b.fileName()));
        return out;
    }

    private static List<Entry> fromDirectory(Path dir) throws IOException {
        List<Entry> out = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : (Iterable<Path>) files.sorted()::iterator) {
                if (f.getFileName().toString().endsWith(".jar")) {
                    out.add(new Entry(f.getFileName().toString(), f.toUri().toURL()));
                }
            }
        }
        return out;
    }
}
