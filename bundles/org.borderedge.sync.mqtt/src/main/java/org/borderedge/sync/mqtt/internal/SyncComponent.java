package org.borderedge.sync.mqtt.internal;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.borderedge.core.CentralCommandHandler;
import org.borderedge.core.CentralLink;
import org.borderedge.core.Declaration;
import org.borderedge.core.Plate;
import org.borderedge.core.ReferenceData;
import org.borderedge.core.Ticker;
import org.borderedge.core.WatchlistEntry;
import org.borderedge.outbox.Outbox;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.metatype.annotations.Designate;

/**
 * The MQTT link and the reference-data cache as OSGi services. Needs configuration (broker URL and
 * key); the gateway id and data folder come from the framework properties {@code borderedge.gateway.id}
 * and {@code borderedge.data.dir}. Command handlers (e.g. the lane engine's) bind dynamically.
 */
@Component(service = {CentralLink.class, ReferenceData.class}, configurationPid = "org.borderedge.sync.mqtt", immediate = true,
        configurationPolicy = ConfigurationPolicy.REQUIRE)
@Designate(ocd = SyncConfig.class)
public final class SyncComponent implements CentralLink, ReferenceData {

    private final Map<CentralCommandHandler, Set<String>> handlers = new ConcurrentHashMap<>();
    private final ReferenceStore reference;
    private final MqttSync sync;

    @Activate
    public SyncComponent(BundleContext context, SyncConfig config, @Reference Outbox outbox) throws Exception {
        String gatewayId = or(context.getProperty("borderedge.gateway.id"), "gateway");
        Path refFile = config.referenceDatabasePath().isBlank()
                ? Path.of(or(context.getProperty("borderedge.data.dir"), "data"), "reference.db")
                : Path.of(config.referenceDatabasePath());
        SyncSettings settings = new SyncSettings(config.brokerUrl(), config.clientId(), config.topicPrefix(), gatewayId,
                config.hmacKey().getBytes(StandardCharsets.UTF_8), config.maxInflight(), config.ratePerSecond(),
                config.eventsPerMessage(), Duration.ofMillis(config.reconnectMinMs()), Duration.ofMillis(config.reconnectMaxMs()),
                config.keepAliveSeconds(), Set.of(config.allowedCommands()), Duration.ofSeconds(config.maxCommandTtlSeconds()),
                path(config.tlsCaFile()), path(config.tlsCertFile()), path(config.tlsKeyFile()),
                config.username(), config.password());
        Clock clock = Clock.systemUTC();
        this.reference = ReferenceStore.open(refFile, clock);
        this.sync = new MqttSync(settings, outbox, reference, clock, Ticker.system(), this::handlerFor);
        this.sync.start();
    }

    private static String or(String v, String d) {
        return v == null || v.isBlank() ? d : v;
    }

    private static Path path(String s) {
        return s == null || s.isBlank() ? null : Path.of(s);
    }

    private Optional<CentralCommandHandler> handlerFor(String command) {
        return handlers.entrySet().stream().filter(e -> e.getValue().contains(command)).map(Map.Entry::getKey).findFirst();
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addHandler(CentralCommandHandler handler) {
        handlers.put(handler, Set.copyOf(handler.commands()));
    }

    void removeHandler(CentralCommandHandler handler) {
        handlers.remove(handler);
    }

    @Deactivate
    void deactivate() {
        sync.close();
        reference.close();
    }

    @Override
    public boolean connected() {
        return sync.connected();
    }

    @Override
    public Instant lastContact() {
        return sync.lastContact();
    }

    @Override
    public Optional<Declaration> declarationById(String id) {
        return reference.declarationById(id);
    }

    @Override
    public Optional<Declaration> declarationForPlate(Plate plate) {
        return reference.declarationForPlate(plate);
    }

    @Override
    public Optional<Declaration> declarationForContainer(String containerNumber) {
        return reference.declarationForContainer(containerNumber);
    }

    @Override
    public Optional<WatchlistEntry> watchlisted(WatchlistEntry.Subject subject, String value) {
        return reference.watchlisted(subject, value);
    }

    @Override
    public Optional<String> sealAssignment(String sealId) {
        return reference.sealAssignment(sealId);
    }

    @Override
    public Map<String, String> ruleParameters() {
        return reference.ruleParameters();
    }

    @Override
    public long version() {
        return reference.version();
    }

    @Override
    public Instant refreshedAt() {
        return reference.refreshedAt();
    }
}
