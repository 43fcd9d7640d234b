package org.borderedge.device.reader.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/** A virtual serial cable for tests: socat links two ptys to two symlinks; stop() kills it by PID. */
final class SocatPair implements AutoCloseable {

    final Path a;
    final Path b;
    private Process process;

    SocatPair(Path a, Path b) {
        this.a = a;
        this.b = b;
    }

    SocatPair start() throws IOException, InterruptedException {
        process = new ProcessBuilder("socat", "pty,raw,echo=0,link=" + a, "pty,raw,echo=0,link=" + b)
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (!(Files.exists(a) && Files.exists(b))) {
            if (System.nanoTime() > deadline || !process.isAlive()) {
                throw new IOException("socat did not create " + a + " and " + b);
            }
            Thread.sleep(10);
        }
        return this;
    }

    void stop() throws InterruptedException {
        if (process != null) {
            process.destroy();
            process.waitFor(5, TimeUnit.SECONDS);
            process = null;
        }
    }

    @Override
    public void close() throws InterruptedException {
        stop();
    }
}
