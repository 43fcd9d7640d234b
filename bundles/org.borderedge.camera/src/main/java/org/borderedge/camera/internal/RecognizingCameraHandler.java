package org.borderedge.camera.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.borderedge.anpr.PlateRecognizer;
import org.borderedge.anpr.Recognition;
import org.borderedge.core.Plate;
import org.borderedge.device.CommandResult;
import org.borderedge.device.DeviceCommand;
import org.borderedge.device.DeviceContext;
import org.borderedge.device.DeviceHandler;
import org.borderedge.device.Observation;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A camera whose frames the gateway reads itself: a source (snapshot, MJPEG, folder) delivers
 * encoded frames, this class runs them through the {@link PlateRecognizer}, votes frame to frame
 * and reports accepted plates and container numbers. Status: OFFLINE while the source fails,
 * DEGRADED while no recogniser is installed, otherwise ONLINE.
 * <p>
 * Live sources hand frames to {@link #offerLatest}: a one-frame slot the recognition thread drains,
 * so a slow recogniser skips stale frames instead of queueing them (the newest frame is what the
 * lane needs). Folder sources use {@link #recognizeNow} because each file is a separate trigger.
 */
abstract class RecognizingCameraHandler implements DeviceHandler {

    private static final Logger LOG = LoggerFactory.getLogger(RecognizingCameraHandler.class);

    protected final DeviceContext context;
    private final Supplier<PlateRecognizer> recognizers;
    private final AtomicReference<byte[]> latestFrame = new AtomicReference<>();
    private final Object frameSignal = new Object();
    private volatile String sourceProblem = "connecting";
    private volatile String recognizerProblem = "";
    private volatile boolean disposed;
    private PlateVote plateVote;
    private PlateVote containerVote;
    private EvidenceStore evidence = EvidenceStore.none();
    private Thread recognitionThread;
    protected ScheduledExecutorService scheduler;
    protected CameraOptions options;

    RecognizingCameraHandler(DeviceContext context, Supplier<PlateRecognizer> recognizers) {
        this.context = context;
        this.recognizers = recognizers;
    }

    @Override
    public final void initialize() {
        try {
            options = new CameraOptions(context.options());
            Duration suppress = Duration.ofMillis(options.longValue("repeatSuppressMs", 10_000, 0, 3_600_000));
            int window = options.intValue("voteFrames", 5, 1, 100);
            int minVotes = options.intValue("voteMin", 2, 1, 100);
            double instant = options.doubleValue("instantConfidence", 0.9, 0, 1.01);
            double min = options.doubleValue("minConfidence", 0.5, 0, 1);
            plateVote = new PlateVote(window, minVotes, instant, min, suppress);
            containerVote = new PlateVote(window, minVotes, instant, min, suppress);
            String evidenceDir = options.string("evidenceDir", "");
            evidence = evidenceDir.isBlank() ? EvidenceStore.none()
                    : new EvidenceStore(Path.of(evidenceDir).resolve(context.deviceId()),
                            options.intValue("evidenceKeep", 200, 0, 1_000_000));
            configure();
        } catch (IllegalArgumentException e) {
            context.offline("bad configuration: " + e.getMessage());
            return;
        }
        scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "camera-" + context.deviceId());
            t.setDaemon(true);
            return t;
        });
        recognitionThread = new Thread(this::recognitionLoop, "camera-" + context.deviceId() + "-recognition");
        recognitionThread.setDaemon(true);
        recognitionThread.start();
        publishStatus();
        start();
    }

    /** Reads the source-specific options; throws IllegalArgumentException naming a bad one. */
    protected abstract void configure();

    /** Starts reading the source on {@link #scheduler} or an own thread; must not block. */
    protected abstract void start();

    /** Stops the source; {@link #scheduler} is shut down afterwards by the base class. */
    protected abstract void stop();

    @Override
    public CompletionStage<CommandResult> execute(DeviceCommand command) {
        if (command instanceof DeviceCommand.Capture) {
            return capture();
        }
        return CompletableFuture.completedFuture(CommandResult.refused(
                "a camera does not execute " + command.getClass().getSimpleName()));
    }

    protected CompletionStage<CommandResult> capture() {
        return CompletableFuture.completedFuture(CommandResult.refused("this camera source reads continuously"));
    }

    @Override
    public final void dispose() {
        disposed = true;
        stop();
        if (scheduler != null) {
            scheduler.shutdownNow();
        }
        if (recognitionThread != null) {
            recognitionThread.interrupt();
        }
    }

    protected boolean disposed() {
        return disposed;
    }

    /** The source works again (a frame or a good reply arrived). */
    protected void sourceUp() {
        context.seen();
        if (!sourceProblem.isEmpty()) {
            sourceProblem = "";
            publishStatus();
        }
    }

    /** The source failed; the device is OFFLINE with this reason until {@link #sourceUp}. */
    protected void sourceDown(String reason) {
        if (!reason.equals(sourceProblem)) {
            sourceProblem = reason;
            publishStatus();
        }
    }

    private void publishStatus() {
        if (disposed) {
            return;
        }
        String recognizer = recognizers.get() == null ? "no recognizer installed" : recognizerProblem;
        if (!sourceProblem.isEmpty()) {
            context.offline(sourceProblem);
        } else if (!recognizer.isEmpty()) {
            context.degraded(recognizer);
        } else {
            context.online();
        }
    }

    /** Live sources: replaces any frame not yet recognised (counted as skipped). */
    protected void offerLatest(byte[] frame) {
        context.count("frames");
        if (latestFrame.getAndSet(frame) != null) {
            context.count("frames.skipped");
        }
        synchronized (frameSignal) {
            frameSignal.notifyAll();
        }
    }

    private void recognitionLoop() {
        while (!disposed) {
            byte[] frame;
            synchronized (frameSignal) {
                frame = latestFrame.getAndSet(null);
                if (frame == null) {
                    try {
                        frameSignal.wait(1000);
                    } catch (InterruptedException e) {
                        return;
                    }
                    continue;
                }
            }
            recognize(frame);
        }
    }

    /** Folder sources: recognises on the caller's thread, so no file is skipped. */
    protected void recognizeNow(byte[] frame) {
        context.count("frames");
        recognize(frame);
    }

    private void recognize(byte[] frame) {
        PlateRecognizer recognizer = recognizers.get();
        if (recognizer == null) {
            context.count("frames.unrecognised");
            publishStatus();
            return;
        }
        Recognition recognition;
        try {
            recognition = recognizer.recognize(frame);
        } catch (RuntimeException e) {
            context.count("recognizer.failures");
            LOG.warn("Camera {}: recogniser failed on a {}-byte frame", context.deviceId(), frame.length, e);
            recognizerProblem = "recognizer failed: " + e;
            publishStatus();
            return;
        }
        if (!recognizerProblem.isEmpty()) {
            recognizerProblem = "";
        }
        publishStatus();
        if (recognition == null) {
            context.count("recognizer.failures");
            return;
        }
        if (recognition.problem() != null && !recognition.problem().isEmpty()) {
            context.count("frames.problem");
            LOG.debug("Camera {}: {}", context.deviceId(), recognition.problem());
        }
        Instant now = context.clock().instant();
        Map<String, Double> plates = new LinkedHashMap<>();
        Map<String, Plate> plateByText = new LinkedHashMap<>();
        for (Recognition.PlateReading r : recognition.plates()) {
            plates.merge(r.plate().text(), r.confidence(), Math::max);
            plateByText.putIfAbsent(r.plate().text(), r.plate());
        }
        Map<String, Double> containers = new LinkedHashMap<>();
        for (Recognition.ContainerReading r : recognition.containers()) {
            containers.merge(r.number().value(), r.confidence(), Math::max);
        }
        List<PlateVote.Accepted> acceptedPlates = plateVote.frame(plates, now);
        List<PlateVote.Accepted> acceptedContainers = containerVote.frame(containers, now);
        if (acceptedPlates.isEmpty() && acceptedContainers.isEmpty()) {
            return;
        }
        String imageRef = keepEvidence(frame, now);
        for (PlateVote.Accepted a : acceptedPlates) {
            context.count("plates");
            context.observe(new Observation.PlateObserved(plateByText.get(a.text()), a.confidence(), imageRef, now));
        }
        for (PlateVote.Accepted a : acceptedContainers) {
            context.count("containers");
            context.observe(new Observation.ContainerObserved(a.text(), true, a.confidence(), imageRef, now));
        }
    }

    private String keepEvidence(byte[] frame, Instant now) {
        try {
            return evidence.keep(frame, frame.length > 3 && frame[1] == 'P' ? "frame.png" : "frame.jpg", now);
        } catch (IOException e) {
            context.count("evidence.failures");
            LOG.warn("Camera {}: evidence not kept: {}", context.deviceId(), e.toString());
            return "";
        }
    }

    /** True when the bytes start like a JPEG or PNG; anything else is not a frame. */
    static boolean looksLikeImage(byte[] data) {
        if (data == null || data.length < 4) {
            return false;
        }
        boolean jpeg = (data[0] & 0xFF) == 0xFF && (data[1] & 0xFF) == 0xD8;
        boolean png = (data[0] & 0xFF) == 0x89 && data[1] == 'P' && data[2] == 'N' && data[3] == 'G';
        return jpeg || png;
    }
}
