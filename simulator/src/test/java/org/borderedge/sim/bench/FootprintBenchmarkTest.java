package org.borderedge.sim.bench;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FootprintBenchmarkTest {

    @TempDir
    Path repo;

    @Test
    void findsTheDemoJarOfTheBuildFromAnyFolderBelowTheRepository() throws Exception {
        Path jar = Files.createDirectories(repo.resolve("features/demo/target")).resolve("borderedge-demo.jar");
        Files.write(jar, new byte[] {1});
        Path simTarget = Files.createDirectories(repo.resolve("simulator/target"));
        assertEquals(jar, FootprintBenchmark.locateDemoJar(null, null, List.of(simTarget)));
        assertEquals(jar, FootprintBenchmark.locateDemoJar("", " ", List.of(Path.of("/"), repo)));
    }

    @Test
    void anExplicitJarWinsAndMustExist() throws Exception {
        Path elsewhere = Files.write(repo.resolve("my-demo.jar"), new byte[] {1});
        assertEquals(elsewhere, FootprintBenchmark.locateDemoJar(elsewhere.toString(), null, List.of()));
        assertEquals(elsewhere, FootprintBenchmark.locateDemoJar(null, elsewhere.toString(), List.of()));
        IllegalStateException missing = assertThrows(IllegalStateException.class,
                () -> FootprintBenchmark.locateDemoJar(null, repo.resolve("gone.jar").toString(), List.of()));
        assertTrue(missing.getMessage().contains("BORDEREDGE_DEMO_JAR"), missing.getMessage());
    }

    @Test
    void saysHowToGetTheJarWhenThereIsNone() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> FootprintBenchmark.locateDemoJar(null, null, List.of(repo)));
        assertTrue(e.getMessage().contains("mvn -B -q install") && e.getMessage().contains(repo.resolve(FootprintBenchmark.JAR_IN_REPO).toString()),
                e.getMessage());
    }

    @Test
    void readsTheResidentSetOfAProcess() throws Exception {
        long kb = FootprintBenchmark.rssKilobytes(ProcessHandle.current().pid());
        assertTrue(kb > 10_000, "a JVM holds more than 10 MB: " + kb + " kB");
    }
}
