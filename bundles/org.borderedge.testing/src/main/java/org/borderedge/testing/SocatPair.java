package org.borderedge.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/** A virtual serial cable for tests: socat links two ptys to two symlinks; stop() kills it by PID. */
public final class SocatPair implements AutoCloseable {

    public final Path a;
    public final Path b;
    private Process process;

    public SocatPair(Path a, Path b) {
        this.a = a;
        this.b = b;
    }

    /** Starts socat and waits (at most 5 s) until both links exist. */
    public SocatPair start() throws IOException, InterruptedException {
        process = new ProcessBuilder("socat", "pty,raw,echo=0,link=" + a, "pty,raw,echo=0,link=" + b)
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (!(Files.exists(a) && Files.exists(b))) {
            if (System.nanoTime() > deadline || !process.isAlive()) {
                stop();
                throw new IOException("socat did not create " + a + " and " + b + " (is socat installed?)");
            }
            Thread.sleep(10);
        }
        return this;
    }

    /** Kills socat by PID; the links vanish with it, like an unplugged adapter. */
    public void stop() throws InterruptedException {
        if (process != null) {
            process.destroy();
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
            process = null;
        }
    }

    @Override
    public void close() throws InterruptedException {
        stop();
    }
}
