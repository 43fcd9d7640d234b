package org.borderedge.console.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.borderedge.access.AgencyTokens;
import org.borderedge.console.LaneConsoleSource;
import org.borderedge.core.CentralLink;
import org.borderedge.device.Device;
import org.borderedge.device.ProfileRegistry;
import org.borderedge.lane.Lane;
import org.borderedge.outbox.Outbox;
import org.osgi.framework.BundleContext;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The console inside the gateway: binds the gateway services the console reads, owns the
 * {@link Console}, and (when {@code httpsPort} is set) starts a second Felix HTTP Jetty instance
 * serving HTTPS on the LAN with a keystore generated at first start.
 */
@Component(service = ConsoleRuntime.class, configurationPid = ConsoleComponent.PID,
        configurationPolicy = ConfigurationPolicy.OPTIONAL, immediate = true)
@Designate(ocd = ConsoleComponent.Config.class)
public class ConsoleComponent implements ConsoleRuntime, GatewayServices {

    public static final String PID = "org.borderedge.console";
    static final String DATA_DIR_PROPERTY = "borderedge.data.dir";
    static final String TIMEZONE_PROPERTY = "borderedge.timezone";
    static final String DEFAULT_ZONE = "Asia/Ho_Chi_Minh";
    /** Felix HTTP Jetty's managed service factory pid: one more Jetty instance per configuration. */
    static final String JETTY_FACTORY_PID = "org.apache.felix.http";
    static final String LAN_INSTANCE = "borderedge-console-lan";

    private static final Logger LOG = LoggerFactory.getLogger(ConsoleComponent.class);

    @ObjectClassDefinition(name = "BorderEdge console", description = "Technician web console and access control")
    public @interface Config {
        @AttributeDefinition(name = "Bootstrap supervisor", description = "Created only when no user exists (demo)")
        String bootstrapAdminUser() default "";

        @AttributeDefinition(name = "Bootstrap supervisor password", type = org.osgi.service.metatype.annotations.AttributeType.PASSWORD)
        String bootstrapAdminPassword() default "";

        @AttributeDefinition(name = "Session idle timeout (minutes)")
        int sessionIdleMinutes() default 15;

        @AttributeDefinition(name = "Failed logins before throttling")
        int loginFreeAttempts() default 5;

        @AttributeDefinition(name = "HTTPS port for the LAN", description = "0 = no HTTPS listener")
        int httpsPort() default 0;

        @AttributeDefinition(name = "HTTPS bind address")
        String httpsHost() default "0.0.0.0";

        @AttributeDefinition(name = "HTTPS keystore (PKCS#12)", description = "Empty = generate a self-signed one in the data dir")
        String httpsKeystore() default "";

        @AttributeDefinition(name = "HTTPS keystore password", type = org.osgi.service.metatype.annotations.AttributeType.PASSWORD)
        String httpsKeystorePassword() default "";
    }

    /** Created with the component: Lane services may bind before activation. */
    private final LaneServiceSource fallback = new LaneServiceSource();
    private final List<Device> devices = new CopyOnWriteArrayList<>();
    private volatile Outbox outbox;
    private volatile CentralLink centralLink;
    private volatile ProfileRegistry profiles;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    private volatile AgencyTokens agencyTokens;
    private volatile LaneConsoleSource laneSource;
    private volatile Console console;
    private volatile Configuration lanJetty;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policyOption = ReferencePolicyOption.GREEDY)
    private volatile ConfigurationAdmin configAdmin;

    @Activate
    void activate(BundleContext ctx, Config config) {
        Path dataDir = dataDir(ctx);
        ZoneId zone = zone(ctx.getProperty(TIMEZONE_PROPERTY));
        ConsoleSettings settings = ConsoleSettings.defaults(dataDir, zone)
                .withBootstrap(config.bootstrapAdminUser(), config.bootstrapAdminPassword())
                .withIdleTimeout(Duration.ofMinutes(Math.max(1, config.sessionIdleMinutes())));
        settings = new ConsoleSettings(settings.dataDir(), settings.zone(), settings.idleTimeout(),
                settings.absoluteTimeout(), settings.bootstrapUser(), settings.bootstrapPassword(),
                Math.max(1, config.loginFreeAttempts()), settings.loginWindow(), settings.baseLock(), settings.maxLock());
        console = new Console(settings, Clock.systemUTC(), this);
        console.watch(lanes());
        if (config.httpsPort() > 0) {
            // keytool takes a moment on a small gate PC: activation does not wait for it.
            Thread t = new Thread(() -> startLanHttps(config, dataDir), "console-https-setup");
            t.setDaemon(true);
            t.start();
        }
        LOG.info("Console ready at /console/ (data {}, time zone {})", dataDir, zone);
    }

    @Deactivate
    void deactivate() {
        Console c = console;
        console = null;
        if (c != null) {
            c.close();
        }
        fallback.close();
        if (lanJetty != null) {
            try {
                lanJetty.delete();
            } catch (IOException | IllegalStateException e) {
                LOG.warn("Could not remove the console's HTTPS listener configuration", e);
            }
        }
    }

    private void startLanHttps(Config config, Path dataDir) {
        ConfigurationAdmin ca = configAdmin;
        if (ca == null) {
            LOG.error("Console HTTPS port {} configured but no ConfigurationAdmin: HTTPS not started", config.httpsPort());
            return;
        }
        try {
            String keystore = config.httpsKeystore();
            String password = config.httpsKeystorePassword();
            if (keystore.isBlank()) {
                TlsKeystore.Keystore ks = TlsKeystore.ensure(dataDir.resolve("tls"), null);
                keystore = ks.file().toString();
                password = ks.password();
            }
            Dictionary<String, Object> p = new Hashtable<>();
            p.put("org.apache.felix.http.name", LAN_INSTANCE);
            // The factory instance falls back to framework properties: switch plain HTTP off explicitly.
            p.put("org.apache.felix.http.enable", false);
            p.put("org.apache.felix.https.enable", true);
            p.put("org.osgi.service.http.port.secure", config.httpsPort());
            p.put("org.apache.felix.http.host", config.httpsHost());
            p.put("org.apache.felix.https.keystore", keystore);
            p.put("org.apache.felix.https.keystore.password", password);
            p.put("org.apache.felix.https.keystore.key.password", password);
            p.put("org.apache.felix.https.keystore.type", "PKCS12");
            Configuration c = ca.getFactoryConfiguration(JETTY_FACTORY_PID, LAN_INSTANCE, "?");
            c.updateIfDifferent(p);
            lanJetty = c;
            if (console == null) {
                // deactivated while the keystore was being made
                c.delete();
                return;
            }
            LOG.info("Console HTTPS for the LAN on {}:{} (keystore {})", config.httpsHost(), config.httpsPort(), keystore);
        } catch (IOException | RuntimeException e) {
            LOG.error("Console HTTPS not started", e);
        }
    }

    static Path dataDir(BundleContext ctx) {
        String dir = ctx.getProperty(DATA_DIR_PROPERTY);
        if (dir != null && !dir.isBlank()) {
            return Path.of(dir).resolve("console");
        }
        return ctx.getDataFile("console").toPath();
    }

    static ZoneId zone(String configured) {
        if (configured == null || configured.isBlank()) {
            return ZoneId.of(DEFAULT_ZONE);
        }
        try {
            return ZoneId.of(configured.trim());
        } catch (DateTimeException e) {
            LOG.error("{}={} is not a time zone; using {}", TIMEZONE_PROPERTY, configured, DEFAULT_ZONE);
            return ZoneId.of(DEFAULT_ZONE);
        }
    }

    @Override
    public Console console() {
        Console c = console;
        if (c == null) {
            throw new IllegalStateException("console is not active");
        }
        return c;
    }

    // ---- GatewayServices ----

    @Override
    public LaneConsoleSource lanes() {
        LaneConsoleSource s = laneSource;
        return s != null ? s : fallback;
    }

    @Override
    public List<Device> devices() {
        return new ArrayList<>(devices);
    }

    @Override
    public Optional<Outbox> outbox() {
        return Optional.ofNullable(outbox);
    }

    @Override
    public Optional<CentralLink> centralLink() {
        return Optional.ofNullable(centralLink);
    }

    @Override
    public Optional<ProfileRegistry> profiles() {
        return Optional.ofNullable(profiles);
    }

    @Override
    public Optional<AgencyTokens> agencyTokens() {
        return Optional.ofNullable(agencyTokens);
    }

    // ---- references ----

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addLane(Lane lane) {
        fallback.laneAdded(lane);
    }

    void removeLane(Lane lane) {
        fallback.laneRemoved(lane);
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addDevice(Device device) {
        devices.add(device);
    }

    void removeDevice(Device device) {
        devices.remove(device);
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void setLaneSource(LaneConsoleSource source) {
        laneSource = source;
        Console c = console;
        if (c != null) {
            c.watch(source);
        }
    }

    void unsetLaneSource(LaneConsoleSource source) {
        if (laneSource == source) {
            laneSource = null;
            Console c = console;
            if (c != null) {
                c.watch(fallback);
            }
        }
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void setOutbox(Outbox o) {
        outbox = o;
        Console c = console;
        if (c != null) {
            c.flushSync();
        }
    }

    void unsetOutbox(Outbox o) {
        if (outbox == o) {
            outbox = null;
        }
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void setCentralLink(CentralLink l) {
        centralLink = l;
    }

    void unsetCentralLink(CentralLink l) {
        if (centralLink == l) {
            centralLink = null;
        }
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void setProfiles(ProfileRegistry r) {
        profiles = r;
    }

    void unsetProfiles(ProfileRegistry r) {
        if (profiles == r) {
            profiles = null;
        }
    }
}
