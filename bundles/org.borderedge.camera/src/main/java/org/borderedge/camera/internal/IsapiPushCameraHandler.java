package org.borderedge.camera.internal;

import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.borderedge.core.Plate;
import org.borderedge.device.CommandResult;
import org.borderedge.device.DeviceCommand;
import org.borderedge.device.DeviceContext;
import org.borderedge.device.DeviceHandler;
import org.borderedge.device.Observation;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A smart camera that reads plates itself and pushes ISAPI-style events to the gateway's receiver.
 * Endpoint {@code isapi-push://<camera address>[?channel=N]}; options {@code user}/{@code password}
 * (required), {@code auth} ({@code basic} or {@code digest}), {@code sourceAddresses} (more addresses, e.g. behind NAT), {@code channel},
 * {@code minConfidence} (0..1), {@code confidenceWhenAbsent}, {@code silenceTimeoutS} (0 = off),
 * {@code evidenceDir}/{@code evidenceKeep}. The observation time is the gateway's clock at
 * receipt: camera clocks drift, the lane compares times from one clock.
 */
final class IsapiPushCameraHandler implements DeviceHandler, PushEndpoint {

    private static final Logger LOG = LoggerFactory.getLogger(IsapiPushCameraHandler.class);

    private final DeviceContext context;
    private final PushRouter router;
    private final AtomicLong refusals = new AtomicLong();
    private volatile Set<InetAddress> addresses = Set.of();
    private volatile Instant lastEvent;
    private PushCredentials credentials;
    private int channel;
    private double minConfidence;
    private double confidenceWhenAbsent;
    private EvidenceStore evidence = EvidenceStore.none();
    private ScheduledExecutorService watchdog;
    private volatile boolean registered;
    private volatile boolean disposed;

    IsapiPushCameraHandler(DeviceContext context, PushRouter router) {
        this.context = context;
        this.router = router;
    }

    @Override
    public void initialize() {
        long silenceTimeoutS;
        Set<String> hosts = new LinkedHashSet<>();
        try {
            CameraOptions options = new CameraOptions(context.options());
            credentials = new PushCredentials(options.string("user", ""), options.string("password", ""),
                    options.string("auth", "basic"));
            URI uri = URI.create(context.endpoint());
            if (!"isapi-push".equals(uri.getScheme()) || uri.getHost() == null) {
                throw new IllegalArgumentException("endpoint must be isapi-push://<camera address>[?channel=N], got '"
                        + context.endpoint() + "'");
            }
            hosts.add(uri.getHost().replaceAll("^\\[|\\]$", ""));
            hosts.addAll(options.list("sourceAddresses"));
            int endpointChannel = 0;
            if (uri.getQuery() != null && uri.getQuery().startsWith("channel=")) {
                endpointChannel = Integer.parseInt(uri.getQuery().substring("channel=".length()));
            }
            channel = options.intValue("channel", endpointChannel, 0, 1024);
            minConfidence = options.doubleValue("minConfidence", 0, 0, 1);
            confidenceWhenAbsent = options.doubleValue("confidenceWhenAbsent", 0.8, 0, 1);
            silenceTimeoutS = options.longValue("silenceTimeoutS", 0, 0, 86_400);
            String evidenceDir = options.string("evidenceDir", "");
            evidence = evidenceDir.isBlank() ? EvidenceStore.none()
                    : new EvidenceStore(Path.of(evidenceDir).resolve(context.deviceId()), options.intValue("evidenceKeep", 200, 0, 1_000_000));
        } catch (IllegalArgumentException e) {
            context.offline("bad configuration: " + e.getMessage());
            return;
        }
        watchdog = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "camera-" + context.deviceId() + "-push");
            t.setDaemon(true);
            return t;
        });
        if (hosts.stream().allMatch(IsapiPushCameraHandler::isAddressLiteral)) {
            register(hosts);
        } else {
            context.offline("resolving camera address " + hosts);
            // Resolving a host name may wait on DNS: off the activation thread.
            watchdog.execute(() -> register(hosts));
        }
        if (silenceTimeoutS > 0) {
            lastEvent = context.clock().instant();
            watchdog.scheduleWithFixedDelay(() -> checkSilence(Duration.ofSeconds(silenceTimeoutS)),
                    silenceTimeoutS, Math.max(1, silenceTimeoutS / 4), TimeUnit.SECONDS);
        }
    }

    private void register(Set<String> hosts) {
        Set<InetAddress> resolved = new LinkedHashSet<>();
        for (String host : hosts) {
            try {
                resolved.addAll(Set.of(InetAddress.getAllByName(host)));
            } catch (UnknownHostException e) {
                context.offline("camera address '" + host + "' cannot be resolved");
                return;
            }
        }
        addresses = Set.copyOf(resolved);
        synchronized (this) {
            if (disposed) {
                return;
            }
            router.register(this);
            registered = true;
        }
        context.online();
    }

    /** An IPv4 or IPv6 literal: InetAddress parses it without asking DNS. */
    static boolean isAddressLiteral(String host) {
        return host.matches("\\d{1,3}(\\.\\d{1,3}){3}") || host.contains(":");
    }

    private void checkSilence(Duration timeout) {
        Instant last = lastEvent;
        if (registered && last != null && Duration.between(last, context.clock().instant()).compareTo(timeout) > 0) {
            context.degraded("no event from the camera for more than " + timeout.toSeconds() + " s");
        }
    }

    @Override
    public CompletionStage<CommandResult> execute(DeviceCommand command) {
        return CompletableFuture.completedFuture(CommandResult.refused(
                "a push camera reads plates by itself and takes no " + command.getClass().getSimpleName() + " command"));
    }

    @Override
    public void dispose() {
        synchronized (this) {
            disposed = true;
            router.unregister(this);
            registered = false;
        }
        if (watchdog != null) {
            watchdog.shutdownNow();
        }
    }

    @Override
    public String deviceId() {
        return context.deviceId();
    }

    @Override
    public Set<InetAddress> sourceAddresses() {
        return addresses;
    }

    @Override
    public int channel() {
        return channel;
    }

    @Override
    public PushCredentials credentials() {
        return credentials;
    }

    @Override
    public void accept(IsapiAlert alert, Map<String, byte[]> pictures) {
        Instant now = context.clock().instant();
        lastEvent = now;
        context.seen();
        context.count("push.events");
        if (!alert.isAnpr() || !alert.hasPlate()) {
            context.count(alert.isAnpr() ? "push.noPlate" : "push.otherEvents");
            context.online();
            return;
        }
        double confidence = alert.confidence() < 0 ? confidenceWhenAbsent : alert.confidence() / 100.0;
        if (confidence < minConfidence) {
            context.count("plates.lowConfidence");
            context.online();
            return;
        }
        String imageRef = keep(pictures, now);
        context.count("plates");
        context.online();
        context.observe(new Observation.PlateObserved(Plate.of(alert.plate()), confidence, imageRef, now));
    }

    private String keep(Map<String, byte[]> pictures, Instant now) {
        try {
            String plateRef = evidence.keep(pictures.get("licensePlatePicture.jpg"), "plate.jpg", now);
            String sceneRef = evidence.keep(pictures.get("detectionPicture.jpg"), "scene.jpg", now);
            return sceneRef.isEmpty() ? plateRef : sceneRef;
        } catch (IOException e) {
            context.count("evidence.failures");
            LOG.warn("Camera {}: evidence not kept: {}", context.deviceId(), e.toString());
            return "";
        }
    }

    @Override
    public void refused(String reason) {
        context.count("push.refused");
        refusals.incrementAndGet();
        // Same reason, same status: a flood of forged pushes changes the status once, the counter counts them.
        context.degraded(reason);
    }

    @Override
    public void malformed(String reason) {
        context.count("push.malformed");
        context.degraded("malformed push: " + reason);
    }
}
