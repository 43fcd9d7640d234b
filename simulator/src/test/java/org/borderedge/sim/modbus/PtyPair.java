package org.borderedge.sim.modbus;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/** A virtual serial cable: socat links two ptys at {@code a} and {@code b}; close() kills socat by PID. */
final class PtyPair implements AutoCloseable {

    final Path a;
    final Path b;
    private final Process socat;

    PtyPair(Path dir) throws IOException, InterruptedException {
        a = dir.resolve("ttyA");
        b = dir.resolve("ttyB");
        socat = new ProcessBuilder("socat", "pty,raw,echo=0,link=" + a, "pty,raw,echo=0,link=" + b)
                .redirectErrorStream(true).redirectOutput(dir.resolve("socat.log").toFile()).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (!(Files.exists(a) && Files.exists(b))) {
            if (!socat.isAlive() || System.nanoTime() > deadline) {
                close();
                throw new IOException("socat did not create " + a + " and " + b + ": " + Files.readString(dir.resolve("socat.log")));
            }
            Thread.sleep(10);
        }
    }

    @Override
    public void close() throws InterruptedException {
        ProcessHandle.of(socat.pid()).ifPresent(ProcessHandle::destroy);
        if (!socat.waitFor(2, TimeUnit.SECONDS)) {
            socat.destroyForcibly();
        }
    }
}
