package org.borderedge.device.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.LongAdder;
import org.borderedge.device.CommandResult;
import org.borderedge.device.Device;
import org.borderedge.device.DeviceCommand;
import org.borderedge.device.DeviceContext;
import org.borderedge.device.DeviceHandler;
import org.borderedge.device.DeviceHandlerFactory;
import org.borderedge.device.DeviceListener;
import org.borderedge.device.DeviceProfile;
import org.borderedge.device.DeviceStatus;
import org.borderedge.device.Observation;
import org.borderedge.device.ProfileRegistry;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A device instance from one factory configuration. It finds its profile and the driver the
 * profile names; until both are there it is OFFLINE with the reason, never an error. Drivers may
 * come and go at run time (bundle update): the handler follows them.
 */
@Component(service = Device.class, configurationPid = ConfiguredDevice.PID, configurationPolicy = ConfigurationPolicy.REQUIRE)
@Designate(ocd = DeviceConfig.class, factory = true)
public class ConfiguredDevice implements Device, DeviceContext {

    public static final String PID = "org.borderedge.device";
    private static final Logger LOG = LoggerFactory.getLogger(ConfiguredDevice.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Clock clock = Clock.systemUTC();
    private final List<DeviceListener> listeners = new CopyOnWriteArrayList<>();
    private final Map<String, LongAdder> counters = new ConcurrentHashMap<>();
    private final Map<String, DeviceHandlerFactory> factories = new ConcurrentHashMap<>();

    @Reference
    private ProfileRegistry profileRegistry;

    private DeviceConfig config;
    private DeviceProfile profile;
    private Map<String, Object> options = Map.of();
    private volatile DeviceStatus status = DeviceStatus.offline("starting", Instant.EPOCH);
    private volatile Instant lastSeen;
    private DeviceHandler handler;
    private DeviceHandlerFactory handlerFactory;
    private boolean active;

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void bindFactory(DeviceHandlerFactory factory) {
        factories.put(factory.driver(), factory);
        synchronized (this) {
            if (active && handler == null && profile != null && profile.driver().equals(factory.driver())) {
                startHandler(factory);
            }
        }
    }

    void unbindFactory(DeviceHandlerFactory factory) {
        factories.remove(factory.driver(), factory);
        synchronized (this) {
            if (handlerFactory == factory) {
                stopHandler();
                offline("driver '" + factory.driver() + "' was removed");
            }
        }
    }

    @Activate
    synchronized void activate(DeviceConfig config) {
        this.config = config;
        this.status = DeviceStatus.offline("starting", clock.instant());
        this.active = true;
        profile = profileRegistry.profile(config.profile()).orElse(null);
        if (profile == null) {
            String refused = profileRegistry.problems().stream()
                    .filter(p -> p.file().replace('\\', '/').contains(config.profile() + "."))
                    .map(Object::toString).findFirst().orElse("");
            offline(refused.isEmpty() ? "unknown profile '" + config.profile() + "'"
                    : "profile '" + config.profile() + "' refused: " + refused);
            return;
        }
        if (!profile.kind().equals(config.device_kind())) {
            offline("profile '" + profile.id() + "' is a " + profile.kind() + ", device is configured as " + config.device_kind());
            profile = null;
            return;
        }
        try {
            options = mergeOptions(profile, config.options());
        } catch (Exception e) {
            offline("options are not a JSON object: " + e.getMessage());
            profile = null;
            return;
        }
        DeviceHandlerFactory factory = factories.get(profile.driver());
        if (factory == null) {
            offline("no driver '" + profile.driver() + "' installed");
            return;
        }
        startHandler(factory);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> mergeOptions(DeviceProfile profile, String json) throws Exception {
        Map<String, Object> merged = new LinkedHashMap<>(profile.section("defaults"));
        if (json != null && !json.isBlank()) {
            merged.putAll(JSON.readValue(json, Map.class));
        }
        return Map.copyOf(merged);
    }

    private void startHandler(DeviceHandlerFactory factory) {
        try {
            handler = factory.create(this);
            handlerFactory = factory;
            handler.initialize();
        } catch (RuntimeException e) {
            LOG.error("Device {}: driver {} failed to start", config.device_id(), factory.driver(), e);
            handler = null;
            handlerFactory = null;
            offline("driver '" + factory.driver() + "' failed to start: " + e);
        }
    }

    private void stopHandler() {
        DeviceHandler h = handler;
        handler = null;
        handlerFactory = null;
        if (h != null) {
            try {
                h.dispose();
            } catch (RuntimeException e) {
                LOG.warn("Device {}: dispose failed", config.device_id(), e);
            }
        }
    }

    @Deactivate
    synchronized void deactivate() {
        active = false;
        stopHandler();
        listeners.clear();
    }

    @Override
    public String id() {
        return config.device_id();
    }

    @Override
    public String deviceId() {
        return config.device_id();
    }

    @Override
    public String kind() {
        return config.device_kind();
    }

    @Override
    public String laneId() {
        return config.lane_id();
    }

    @Override
    public String profileId() {
        return config.profile();
    }

    @Override
    public String endpoint() {
        return config.endpoint();
    }

    @Override
    public DeviceProfile profile() {
        return profile;
    }

    @Override
    public Map<String, Object> options() {
        return options;
    }

    @Override
    public Clock clock() {
        return clock;
    }

    @Override
    public DeviceStatus status() {
        return status;
    }

    @Override
    public Instant lastSeen() {
        return lastSeen;
    }

    @Override
    public Map<String, Long> counters() {
        Map<String, Long> out = new TreeMap<>();
        counters.forEach((k, v) -> out.put(k, v.sum()));
        return out;
    }

    @Override
    public void addListener(DeviceListener listener) {
        listeners.add(listener);
    }

    @Override
    public void removeListener(DeviceListener listener) {
        listeners.remove(listener);
    }

    @Override
    public CompletionStage<CommandResult> execute(DeviceCommand command) {
        DeviceHandler h = handler;
        if (h == null) {
            return CompletableFuture.completedFuture(CommandResult.refused("device " + id() + " is "
                    + status.state() + (status.reason().isEmpty() ? "" : ": " + status.reason())));
        }
        try {
            return h.execute(command);
        } catch (RuntimeException e) {
            return CompletableFuture.completedFuture(CommandResult.refused("driver failed: " + e));
        }
    }

    @Override
    public void updateStatus(DeviceStatus next) {
        DeviceStatus previous = status;
        if (previous.state() == next.state() && previous.reason().equals(next.reason())) {
            return;
        }
        status = next;
        if (next.isOnline()) {
            LOG.info("Device {} ONLINE", id());
        } else {
            LOG.warn("Device {} {}: {}", id(), next.state(), next.reason());
        }
        for (DeviceListener l : listeners) {
            try {
                l.onStatus(this, next);
            } catch (RuntimeException e) {
                LOG.warn("Device {}: status listener failed", id(), e);
            }
        }
    }

    @Override
    public void seen() {
        lastSeen = clock.instant();
    }

    @Override
    public void observe(Observation observation) {
        lastSeen = clock.instant();
        for (DeviceListener l : listeners) {
            try {
                l.onObservation(this, observation);
            } catch (RuntimeException e) {
                LOG.warn("Device {}: listener failed on {}", id(), observation, e);
            }
        }
    }

    @Override
    public void count(String counter, long delta) {
        counters.computeIfAbsent(counter, k -> new LongAdder()).add(delta);
    }
}
