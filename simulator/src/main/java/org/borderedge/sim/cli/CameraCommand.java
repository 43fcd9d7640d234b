package org.borderedge.sim.cli;

import java.net.URI;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.borderedge.sim.camera.CameraEmulator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * `camera`: an IP camera serving a plate scene as snapshot and MJPEG, optionally pushing
 * ISAPI-style ANPR events to a gateway, until stopped (Ctrl-C) or --duration elapses.
 */
@Command(name = "camera", mixinStandardHelpOptions = true, description = "Emulate an IP camera: GET /snapshot.jpg, GET /mjpeg, and ISAPI-style ANPR pushes.")
final class CameraCommand implements Callable<Integer> {

    @Option(names = "--bind", defaultValue = "127.0.0.1", description = "Address to listen on (default ${DEFAULT-VALUE})")
    String bind;

    @Option(names = "--port", defaultValue = "0", description = "Port; 0 picks a free one (default)")
    int port;

    @Option(names = "--plate", description = "Plate in view, display form, e.g. 51F-678.90 (default: none, or random with --seed)")
    String plate;

    @Option(names = "--seed", description = "Seed of the scene; without --plate also picks a random plate")
    Long seed;

    @Option(names = "--fps", defaultValue = "5", description = "MJPEG frames per second (default ${DEFAULT-VALUE})")
    int fps;

    @Option(names = "--user", description = "Require these Basic credentials on snapshot/MJPEG (with --password)")
    String user;

    @Option(names = "--password", description = "Password for --user")
    String password;

    @Option(names = "--push-url", description = "Receiver to push ANPR events to, e.g. http://127.0.0.1:8080/isapi/anpr")
    URI pushUrl;

    @Option(names = "--push-user", description = "User for pushes")
    String pushUser;

    @Option(names = "--push-password", description = "Password for pushes")
    String pushPassword;

    @Option(names = "--channel", defaultValue = "1", description = "Channel the pushes name (channelID, default ${DEFAULT-VALUE})")
    int channel;

    @Option(names = "--push-digest", description = "Authenticate pushes with HTTP Digest instead of Basic")
    boolean pushDigest;

    @Option(names = "--push-every", defaultValue = "0", description = "Seconds between pushes; 0 pushes once at start (default)")
    double pushEvery;

    @Option(names = "--duration", defaultValue = "0", description = "Stop after this many seconds; 0 runs until stopped")
    double duration;

    @Override
    public Integer call() throws Exception {
        System.setProperty("java.awt.headless", "true");
        try (CameraEmulator cam = CameraEmulator.start(bind, port)) {
            cam.framesPerSecond(fps).channel(channel);
            if (user != null) {
                cam.requireCredentials(user, password == null ? "" : password);
            }
            long sceneSeed = seed == null ? 0 : seed;
            if (plate != null) {
                cam.showPlate(plate, sceneSeed);
            } else if (seed != null) {
                cam.showRandomPlate(sceneSeed);
            }
            System.out.println("camera emulator: snapshot " + cam.snapshotUri() + " mjpeg " + cam.mjpegUri()
                    + " plate " + (cam.currentPlate() == null ? "(none)" : cam.currentPlate()));
            System.out.flush();
            CountDownLatch stop = new CountDownLatch(1);
            Runtime.getRuntime().addShutdownHook(new Thread(stop::countDown));
            long started = System.nanoTime();
            long durationNanos = duration > 0 ? (long) (duration * 1e9) : Long.MAX_VALUE;
            long pushIntervalNanos = pushEvery > 0 ? (long) (pushEvery * 1e9) : Long.MAX_VALUE;
            while (true) {
                if (pushUrl != null && cam.currentPlate() != null) {
                    int status = pushDigest ? cam.pushAnprDigest(pushUrl, cam.currentPlate(), pushUser, pushPassword)
                            : cam.pushAnpr(pushUrl, cam.currentPlate(), pushUser, pushPassword);
                    System.out.println("pushed " + cam.currentPlate() + " to " + pushUrl + ": HTTP " + status);
                    System.out.flush();
                }
                long left = durationNanos - (System.nanoTime() - started);
                long wait = Math.min(pushIntervalNanos, left);
                if (wait <= 0 || stop.await(wait, TimeUnit.NANOSECONDS) || wait == left) {
                    break;
                }
            }
        }
        return 0;
    }
}
