package org.borderedge.sim.central;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.borderedge.core.Declaration;
import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.MqttCallbackExtended;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;

/**
 * The central clearance system as gateways see it: receives uplink batches (and pulls over HTTP),
 * de-duplicates by event id and keeps, per gateway and epoch, which sequences arrived, so it can
 * report received, duplicates and gaps (sequences announced as evicted are not gaps). Publishes
 * signed reference data and commands and collects the replies.
 *
 * <p>Its MQTT session is persistent (clean session off, fixed client id, QoS 1), so the broker
 * queues uplink messages for it while it or the broker restarts. Written from the documented wire
 * format (docs/sync-mqtt.md), not from the gateway's classes.
 */
public final class CentralSimulator implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final String prefix;
    private final byte[] hmacKey;
    private final Clock clock;
    private final MqttClient client;
    private final Map<String, Ledger> ledgers = new ConcurrentHashMap<>();
    private final Map<String, JsonNode> replies = new ConcurrentHashMap<>();
    private final List<JsonNode> replyLog = java.util.Collections.synchronizedList(new ArrayList<>());
    private final Map<String, JsonNode> statuses = new ConcurrentHashMap<>();
    private final Map<String, Map<String, Object>> autoSnapshots = new ConcurrentHashMap<>();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final List<java.util.function.Consumer<JsonNode>> eventListeners = new java.util.concurrent.CopyOnWriteArrayList<>();
    private volatile long malformed;

    /** What the central knows of one gateway. */
    private static final class Ledger {
        final Set<String> ids = new HashSet<>();
        final Map<Long, BitSet> seqsByEpoch = new TreeMap<>();
        final Map<Long, BitSet> evictedByEpoch = new TreeMap<>();
        long received;
        long duplicates;
        long conflicts;
    }

    /**
     * Per-gateway figures. {@code gaps} counts sequences from 1 to the highest seen in each epoch
     * that neither arrived nor were announced as evicted; {@code conflicts} counts a sequence that
     * arrived twice under different ids (must be 0).
     */
    public record GatewayReport(String gatewayId, long received, long duplicates, long gaps, List<String> gapRanges,
            long evicted, long conflicts, Map<Long, Long> lastSeqByEpoch) {
    }

    private CentralSimulator(String brokerUrl, String prefix, byte[] hmacKey, String clientId, Clock clock) throws MqttException {
        this.prefix = prefix;
        this.hmacKey = hmacKey.clone();
        this.clock = clock;
        this.client = new MqttClient(brokerUrl, clientId, new MemoryPersistence());
    }

    /**
     * Connects to the broker with a persistent session and subscribes to every gateway's uplink,
     * replies and status. Reconnects by itself if the broker goes away.
     */
    public static CentralSimulator start(String brokerUrl, String topicPrefix, byte[] hmacKey) throws MqttException {
        return start(brokerUrl, topicPrefix, hmacKey, "central-sim", Clock.systemUTC());
    }

    public static CentralSimulator start(String brokerUrl, String topicPrefix, byte[] hmacKey, String clientId, Clock clock)
            throws MqttException {
        CentralSimulator c = new CentralSimulator(brokerUrl, topicPrefix, hmacKey, clientId, clock);
        c.connect();
        return c;
    }

    private void connect() throws MqttException {
        MqttConnectOptions o = new MqttConnectOptions();
        o.setCleanSession(false);
        o.setAutomaticReconnect(true);
        o.setMaxReconnectDelay(1000);
        o.setMaxInflight(1000);
        o.setKeepAliveInterval(10);
        client.setCallback(new MqttCallbackExtended() {
            @Override
            public void connectComplete(boolean reconnect, String serverURI) {
                if (reconnect) {
                    // The persistent session keeps subscriptions; renew them anyway in case the broker lost its state.
                    // Off the callback thread: a blocking call there stalls Paho.
                    Thread t = new Thread(() -> {
                        try {
                            subscribe();
                        } catch (MqttException e) {
                            System.err.println("central: resubscribe failed: " + e);
                        }
                    }, "central-resubscribe");
                    t.setDaemon(true);
                    t.start();
                }
            }

            @Override
            public void connectionLost(Throwable cause) {
                // automatic reconnect
            }

            @Override
            public void messageArrived(String topic, MqttMessage message) {
                try {
                    onMessage(topic, message.getPayload());
                } catch (RuntimeException e) {
                    malformed++;
                }
            }

            @Override
            public void deliveryComplete(IMqttDeliveryToken token) {
                // nothing to track
            }
        });
        client.connect(o);
        subscribe();
    }

    private void subscribe() throws MqttException {
        client.subscribe(new String[] {prefix + "/+/up/events", prefix + "/+/up/reply", prefix + "/+/status"}, new int[] {1, 1, 1});
    }

    private void onMessage(String topic, byte[] payload) {
        String gatewayId = topic.substring(prefix.length() + 1).split("/")[0];
        JsonNode json;
        try {
            json = JSON.readTree(payload);
        } catch (IOException e) {
            malformed++;
            return;
        }
        if (topic.endsWith("/up/events")) {
            if (json.path("v").asInt() != 1) {
                malformed++;
                return;
            }
            for (JsonNode e : json.path("events")) {
                record(json.path("gatewayId").asText(gatewayId), e);
            }
        } else if (topic.endsWith("/up/reply")) {
            replyLog.add(json);
            if (json.hasNonNull("ref")) {
                replies.put(json.get("ref").asText(), json);
            }
        } else if (topic.endsWith("/status")) {
            statuses.put(gatewayId, json);
            Map<String, Object> snapshot = autoSnapshots.get(gatewayId);
            if (snapshot != null && "online".equals(json.path("status").asText())
                    && json.path("referenceVersion").asLong() < ((Number) snapshot.get("version")).longValue()) {
                try {
                    publishReferenceData(gatewayId, snapshot);
                } catch (MqttException ex) {
                    System.err.println("central: snapshot to " + gatewayId + " failed: " + ex);
                }
            }
        }
    }

    private void record(String gatewayId, JsonNode e) {
        Ledger l = ledgers.computeIfAbsent(gatewayId, g -> new Ledger());
        synchronized (l) {
            String id = e.path("id").asText();
            long epoch = e.path("epoch").asLong();
            long seq = e.path("seq").asLong();
            if (!l.ids.add(id)) {
                l.duplicates++;
                return;
            }
            for (java.util.function.Consumer<JsonNode> listener : eventListeners) {
                listener.accept(e);
            }
            l.received++;
            BitSet seen = l.seqsByEpoch.computeIfAbsent(epoch, x -> new BitSet());
            if (seen.get((int) seq)) {
                l.conflicts++;
            }
            seen.set((int) seq);
            if ("TELEMETRY_EVICTED".equals(e.path("type").asText())) {
                BitSet evicted = l.evictedByEpoch.computeIfAbsent(epoch, x -> new BitSet());
                for (JsonNode r : e.path("payload").path("ranges")) {
                    evicted.set((int) r.get(0).asLong(), (int) r.get(1).asLong() + 1);
                }
            }
        }
    }

    /** Called once per distinct event (never for a repeat), on the receiving thread: keep it short. */
    public void onEvent(java.util.function.Consumer<JsonNode> listener) {
        eventListeners.add(listener);
    }

    // ---- pull API ----------------------------------------------------------------------------------

    /**
     * Pulls every event after {@code afterSeq} from a gateway's HTTP pull API into the same ledger.
     *
     * @return the number of events read (duplicates included)
     */
    public long pull(URI baseUrl, String token, long afterSeq) throws IOException, InterruptedException {
        long after = afterSeq;
        long total = 0;
        while (true) {
            URI uri = baseUrl.resolve("/api/v1/events?after=" + after + "&limit=1000");
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(uri).header("Authorization", "Bearer " + token)
                    .timeout(Duration.ofSeconds(10)).GET().build(), HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 200) {
                throw new IOException("pull " + uri + " answered " + r.statusCode() + ": " + r.body());
            }
            JsonNode page = JSON.readTree(r.body());
            int n = 0;
            for (JsonNode e : page.path("events")) {
                record(e.path("gatewayId").asText(), e);
                n++;
            }
            total += n;
            long next = page.path("next").asLong(after);
            if (n == 0 || next == after) {
                return total;
            }
            after = next;
        }
    }

    // ---- downlink ----------------------------------------------------------------------------------

    /** Signs {@code body} as the documented envelope {"v":1,"body":"...","hmac":"<hex>"}. */
    public byte[] envelope(Map<String, Object> body) {
        try {
            String text = JSON.writeValueAsString(body);
            Map<String, Object> env = new LinkedHashMap<>();
            env.put("v", 1);
            env.put("body", text);
            env.put("hmac", hmac(text));
            return JSON.writeValueAsBytes(env);
        } catch (IOException e) {
            throw new IllegalArgumentException("body not serialisable", e);
        }
    }

    private String hmac(String text) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(hmacKey, "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(text.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A snapshot body with these declarations (plus optional watchlist entries and seal assignments). */
    public static Map<String, Object> snapshot(String gatewayId, long version, List<Declaration> declarations,
            List<Map<String, Object>> watchlist, Map<String, String> seals, Map<String, String> rules) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("kind", "snapshot");
        body.put("gatewayId", gatewayId);
        body.put("version", version);
        body.put("declarations", declarations.stream().map(CentralSimulator::declaration).toList());
        body.put("watchlist", watchlist == null ? List.of() : watchlist);
        body.put("seals", seals == null ? Map.of() : seals);
        body.put("ruleParameters", rules == null ? Map.of() : rules);
        return body;
    }

    static Map<String, Object> declaration(Declaration d) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", d.id());
        m.put("plates", List.copyOf(d.plates()));
        m.put("containers", List.copyOf(d.containers()));
        m.put("sealIds", List.copyOf(d.sealIds()));
        BigDecimal kg = d.declaredGrossKg();
        if (kg != null) {
            m.put("declaredGrossKg", kg);
        }
        m.put("channel", d.channel().name());
        return m;
    }

    /** Publishes a declaration set as a signed snapshot; returns the reply reference ("refdata:<version>"). */
    public String publishDeclarations(String gatewayId, long version, List<Declaration> declarations) throws MqttException {
        return publishReferenceData(gatewayId, snapshot(gatewayId, version, declarations, null, null, null));
    }

    /** Publishes any reference-data body (snapshot or delta), signed. */
    public String publishReferenceData(String gatewayId, Map<String, Object> body) throws MqttException {
        publishRaw(gatewayId, "down/refdata", envelope(body));
        return "refdata:" + body.get("version");
    }

    /** Sends this snapshot whenever the gateway announces (birth) an older reference version. */
    public void keepGatewayCurrent(String gatewayId, Map<String, Object> snapshot) {
        autoSnapshots.put(gatewayId, snapshot);
    }

    /** A signed command; returns its id, which the reply's {@code ref} carries. */
    public String sendCommand(String gatewayId, String name, Map<String, Object> args, Duration ttl) throws MqttException {
        String id = UUID.randomUUID().toString();
        publishRaw(gatewayId, "down/command", command(gatewayId, id, name, args, clock.instant(), clock.instant().plus(ttl)));
        return id;
    }

    /** The signed command bytes, for callers that want to replay or tamper with them. */
    public byte[] command(String gatewayId, String id, String name, Map<String, Object> args, Instant issuedAt, Instant expiresAt) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", id);
        body.put("gatewayId", gatewayId);
        body.put("name", name);
        body.put("issuedAt", issuedAt.toString());
        body.put("expiresAt", expiresAt.toString());
        body.put("args", args == null ? Map.of() : args);
        return envelope(body);
    }

    /** Publishes bytes as they are (QoS 1) on {@code <prefix>/<gatewayId>/<leaf>}. */
    public void publishRaw(String gatewayId, String leaf, byte[] payload) throws MqttException {
        MqttMessage m = new MqttMessage(payload);
        m.setQos(1);
        client.publish(prefix + "/" + gatewayId + "/" + leaf, m);
    }

    /** Waits for the reply whose ref is a command id or "refdata:<version>". */
    public Optional<JsonNode> awaitReply(String ref, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            JsonNode r = replies.get(ref);
            if (r != null) {
                return Optional.of(r);
            }
            Thread.sleep(20);
        }
        return Optional.empty();
    }

    /** Every reply received, in arrival order (also those without a ref, e.g. to malformed messages). */
    public List<JsonNode> replies() {
        synchronized (replyLog) {
            return List.copyOf(replyLog);
        }
    }

    public Optional<JsonNode> status(String gatewayId) {
        return Optional.ofNullable(statuses.get(gatewayId));
    }

    // ---- report ------------------------------------------------------------------------------------

    public GatewayReport report(String gatewayId) {
        Ledger l = ledgers.get(gatewayId);
        if (l == null) {
            return new GatewayReport(gatewayId, 0, 0, 0, List.of(), 0, 0, Map.of());
        }
        synchronized (l) {
            long gaps = 0;
            long evicted = 0;
            List<String> ranges = new ArrayList<>();
            Map<Long, Long> last = new TreeMap<>();
            for (Map.Entry<Long, BitSet> e : l.seqsByEpoch.entrySet()) {
                BitSet seen = e.getValue();
                BitSet ev = l.evictedByEpoch.getOrDefault(e.getKey(), new BitSet());
                int max = seen.length() - 1;
                last.put(e.getKey(), (long) max);
                evicted += ev.cardinality();
                int s = seen.nextClearBit(1);
                while (s <= max) {
                    if (ev.get(s)) {
                        s = seen.nextClearBit(s + 1);
                        continue;
                    }
                    int end = s;
                    while (end + 1 <= max && !seen.get(end + 1) && !ev.get(end + 1)) {
                        end++;
                    }
                    gaps += end - s + 1;
                    if (ranges.size() < 20) {
                        ranges.add(e.getKey() + ":" + s + (end > s ? "-" + end : ""));
                    }
                    s = seen.nextClearBit(end + 1);
                }
            }
            return new GatewayReport(gatewayId, l.received, l.duplicates, gaps, ranges, evicted, l.conflicts, last);
        }
    }

    public Map<String, GatewayReport> report() {
        Map<String, GatewayReport> out = new TreeMap<>();
        for (String g : ledgers.keySet()) {
            out.put(g, report(g));
        }
        return out;
    }

    /** Whether this event id has arrived. */
    public boolean received(String gatewayId, long epoch, long seq) {
        Ledger l = ledgers.get(gatewayId);
        if (l == null) {
            return false;
        }
        synchronized (l) {
            BitSet b = l.seqsByEpoch.get(epoch);
            return b != null && b.get((int) seq);
        }
    }

    /** Waits until {@code n} distinct events of the gateway have arrived. */
    public boolean awaitReceived(String gatewayId, long n, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (report(gatewayId).received() >= n) {
                return true;
            }
            Thread.sleep(20);
        }
        return report(gatewayId).received() >= n;
    }

    public long malformedMessages() {
        return malformed;
    }

    public Map<String, Object> reportJson() {
        Map<String, Object> m = new HashMap<>();
        report().forEach((g, r) -> m.put(g, r));
        return m;
    }

    @Override
    public void close() {
        try {
            if (client.isConnected()) {
                client.disconnect(1000);
            }
            client.close(true);
        } catch (MqttException e) {
            // best effort
        }
    }
}
