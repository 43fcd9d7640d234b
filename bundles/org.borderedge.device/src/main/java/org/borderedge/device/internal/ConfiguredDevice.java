package org.borderedge.device.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import org.borderedge.device.AbstractDevice;
import org.borderedge.device.CommandResult;
import org.borderedge.device.Device;
import org.borderedge.device.DeviceCommand;
import org.borderedge.device.DeviceHandler;
import org.borderedge.device.DeviceHandlerFactory;
import org.borderedge.device.DeviceProfile;
import org.borderedge.device.DeviceStatus;
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
public class ConfiguredDevice extends AbstractDevice {

    public static final String PID = "org.borderedge.device";
    private static final Logger LOG = LoggerFactory.getLogger(ConfiguredDevice.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Map<String, DeviceHandlerFactory> factories = new ConcurrentHashMap<>();

    @Reference
    private ProfileRegistry profileRegistry;

    private DeviceConfig config;
    private DeviceProfile profile;
    private Map<String, Object> options = Map.of();
    private DeviceHandler handler;
    private DeviceHandlerFactory handlerFactory;
    private boolean active;

    public ConfiguredDevice() {
        super(Clock.systemUTC());
    }

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
        return driverOptions(profile, json == null || json.isBlank() ? Map.of() : JSON.readValue(json, Map.class));
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
        clearListeners();
    }

    @Override
    public String id() {
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
    public CompletionStage<CommandResult> execute(DeviceCommand command) {
        DeviceHandler h = handler;
        if (h == null) {
            DeviceStatus status = status();
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
    protected void statusChanged(DeviceStatus next) {
        if (next.isOnline()) {
            LOG.info("Device {} ONLINE", id());
        } else {
            LOG.warn("Device {} {}: {}", id(), next.state(), next.reason());
        }
    }

    @Override
    protected void listenerFailed(Object event, RuntimeException e) {
        if (event instanceof DeviceStatus) {
            LOG.warn("Device {}: status listener failed", id(), e);
        } else {
            LOG.warn("Device {}: listener failed on {}", id(), event, e);
        }
    }
}
