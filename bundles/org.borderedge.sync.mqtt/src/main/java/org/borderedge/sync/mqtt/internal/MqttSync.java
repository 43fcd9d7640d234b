package org.borderedge.sync.mqtt.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import org.borderedge.core.CentralCommandHandler;
import org.borderedge.core.CentralLink;
import org.borderedge.core.GateEvent;
import org.borderedge.core.Priority;
import org.borderedge.core.Ticker;
import org.borderedge.outbox.EventWire;
import org.borderedge.outbox.Outbox;
import org.eclipse.paho.client.mqttv3.IMqttActionListener;
import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.IMqttToken;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttCallbackExtended;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The MQTT link to the central. Uplink: drains the outbox in batches (CRITICAL before TELEMETRY,
 * each in sequence order) at QoS 1 and marks events delivered only when the broker acknowledges
 * the message. Downlink: reference data and commands, checked by {@link Downlink}, each answered
 * on up/reply. Session: clean session; the outbox is the only persistent queue. After any
 * reconnect the uplink starts again from the oldest undelivered event, so an event whose
 * acknowledgement was lost is sent again (the central de-duplicates by event id).
 */
public final class MqttSync implements CentralLink, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(MqttSync.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_MESSAGE_BYTES = 256 * 1024;

    private final SyncSettings settings;
    private final Outbox outbox;
    private final ReferenceStore reference;
    private final Clock clock;
    private final Ticker ticker;
    private final Downlink downlink;
    private final MqttAsyncClient client;
    private final Semaphore window;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition wake = lock.newCondition();
    private final ScheduledExecutorService reconnects = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "mqtt-reconnect"));
    private final ExecutorService downlinkWorker = Executors.newSingleThreadExecutor(r -> daemon(r, "mqtt-downlink"));
    private final Thread sender;
    private final Runnable appendListener = this::signal;

    private volatile boolean running = true;
    private volatile boolean connected;
    private volatile Instant lastContact;
    private volatile long generation;
    private int attempts;
    private long criticalCursor;
    private long telemetryCursor;
    private double tokens;
    private long lastRefillNanos;

    final AtomicLong eventsAcked = new AtomicLong();
    final AtomicLong messagesSent = new AtomicLong();
    final AtomicLong retriedPublishes = new AtomicLong();
    final AtomicLong connects = new AtomicLong();

    /** One uplink message in flight: the sequences it carries, and the connection it went out on. */
    private record InFlight(List<Long> seqs, long generation) {
    }

    public MqttSync(SyncSettings settings, Outbox outbox, ReferenceStore reference, Clock clock, Ticker ticker,
            Function<String, Optional<CentralCommandHandler>> handlers) throws MqttException {
        this.settings = settings;
        this.outbox = outbox;
        this.reference = reference;
        this.clock = clock;
        this.ticker = ticker;
        this.downlink = new Downlink(settings, reference, outbox, clock, handlers, this::rewind);
        this.client = new MqttAsyncClient(settings.brokerUrl(), settings.clientId(), new MemoryPersistence());
        this.window = new Semaphore(settings.maxInflight());
        this.client.setCallback(new Callback());
        this.sender = new Thread(this::sendLoop, "mqtt-uplink");
        this.sender.setDaemon(true);
        this.lastRefillNanos = ticker.nanos();
    }

    /** Starts connecting (in the background, with backoff) and draining; returns at once. */
    public void start() {
        outbox.addAppendListener(appendListener);
        sender.start();
        reconnects.execute(this::connect);
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    private MqttConnectOptions options() throws Exception {
        MqttConnectOptions o = new MqttConnectOptions();
        o.setCleanSession(true);
        o.setAutomaticReconnect(false);
        o.setKeepAliveInterval(settings.keepAliveSeconds());
        o.setConnectionTimeout(10);
        o.setMaxInflight(settings.maxInflight());
        o.setWill(settings.topic(Topics.STATUS), status("offline", "connection lost"), 1, true);
        if (settings.username() != null && !settings.username().isBlank()) {
            o.setUserName(settings.username());
            o.setPassword(settings.password() == null ? new char[0] : settings.password().toCharArray());
        }
        if (settings.tlsCaFile() != null) {
            o.setSocketFactory(TlsFiles.socketFactory(settings.tlsCaFile(), settings.tlsCertFile(), settings.tlsKeyFile()));
        }
        return o;
    }

    private void connect() {
        if (!running || connected) {
            return;
        }
        try {
            client.connect(options(), null, new IMqttActionListener() {
                @Override
                public void onSuccess(IMqttToken token) {
                    // connectComplete does the rest
                }

                @Override
                public void onFailure(IMqttToken token, Throwable e) {
                    LOG.warn("connect to {} failed: {}", settings.brokerUrl(), e.toString());
                    scheduleReconnect();
                }
            });
        } catch (Exception e) {
            LOG.warn("connect to {} failed: {}", settings.brokerUrl(), e.toString());
            scheduleReconnect();
        }
    }

    /** Exponential backoff with jitter, so gateways of a checkpoint do not reconnect in lockstep. */
    private void scheduleReconnect() {
        if (!running) {
            return;
        }
        long min = settings.reconnectMin().toMillis();
        long max = settings.reconnectMax().toMillis();
        long base = Math.min(max, min << Math.min(attempts++, 20));
        long delay = base / 2 + ThreadLocalRandom.current().nextLong(base / 2 + 1);
        LOG.info("reconnecting in {} ms (attempt {})", delay, attempts);
        try {
            reconnects.schedule(this::connect, delay, TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.RejectedExecutionException stopping) {
            // closing
        }
    }

    private final class Callback implements MqttCallbackExtended {

        @Override
        public void connectComplete(boolean reconnect, String serverURI) {
            lock.lock();
            try {
                generation++;
                criticalCursor = 0;
                telemetryCursor = 0;
                window.drainPermits();
                window.release(settings.maxInflight());
                attempts = 0;
                connected = true;
                lastContact = clock.instant();
                connects.incrementAndGet();
                wake.signalAll();
            } finally {
                lock.unlock();
            }
            LOG.info("connected to {}", serverURI);
            try {
                client.subscribe(settings.topic(Topics.DOWN_ALL), 1);
                client.publish(settings.topic(Topics.STATUS), status("online", null), 1, true);
            } catch (MqttException e) {
                LOG.warn("birth or subscribe failed: {}", e.toString());
            }
        }

        @Override
        public void connectionLost(Throwable cause) {
            LOG.warn("connection to {} lost: {}", settings.brokerUrl(), String.valueOf(cause));
            lock.lock();
            try {
                connected = false;
                generation++;
            } finally {
                lock.unlock();
            }
            scheduleReconnect();
        }

        @Override
        public void messageArrived(String topic, MqttMessage message) {
            lastContact = clock.instant();
            String prefix = settings.topic("");
            String leaf = topic.startsWith(prefix) ? topic.substring(prefix.length()) : topic;
            byte[] payload = message.getPayload();
            // Off Paho's callback thread: an exception there would drop the connection.
            downlinkWorker.execute(() -> reply(downlink.handle(leaf, payload)));
        }

        @Override
        public void deliveryComplete(IMqttDeliveryToken token) {
            // handled per message by the publish listener
        }
    }

    private void reply(Downlink.Reply r) {
        try {
            client.publish(settings.topic(Topics.UP_REPLY), JSON.writeValueAsBytes(r.toMap(settings.gatewayId(), clock.instant())), 1, false);
        } catch (MqttException | JsonProcessingException e) {
            LOG.warn("reply {} not sent: {}", r, e.toString());
        }
    }

    private byte[] status(String state, String reason) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("v", 1);
        m.put("gatewayId", settings.gatewayId());
        m.put("status", state);
        if (reason != null) {
            m.put("reason", reason);
        }
        if ("online".equals(state)) {
            var stats = outbox.stats();
            m.put("epoch", stats.epoch());
            m.put("lastSeq", stats.lastSeq());
            m.put("pending", stats.pending());
            m.put("referenceVersion", reference.version());
        }
        m.put("time", clock.instant().toString());
        try {
            return JSON.writeValueAsBytes(m);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private void signal() {
        lock.lock();
        try {
            wake.signalAll();
        } finally {
            lock.unlock();
        }
    }

    private void await(long millis) {
        lock.lock();
        try {
            wake.await(millis, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        } finally {
            lock.unlock();
        }
    }

    private void sendLoop() {
        while (running) {
            try {
                if (!connected) {
                    await(200);
                    continue;
                }
                if (!window.tryAcquire(200, TimeUnit.MILLISECONDS)) {
                    continue;
                }
                if (!sendOne()) {
                    window.release();
                    await(100);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                LOG.error("uplink loop error; continuing", e);
                await(500);
            }
        }
    }

    /** Sends the next batch; false if there was nothing to send (or the link went down meanwhile). */
    private boolean sendOne() throws InterruptedException {
        long gen;
        long critical;
        long telemetry;
        lock.lock();
        try {
            gen = generation;
            critical = criticalCursor;
            telemetry = telemetryCursor;
        } finally {
            lock.unlock();
        }
        int max = settings.eventsPerMessage();
        if (settings.ratePerSecond() > 0) {
            max = Math.min(max, takeTokens(max));
            if (max == 0) {
                await(20);
                return false;
            }
        }
        Priority priority = Priority.CRITICAL;
        List<GateEvent> batch = outbox.pendingAfter(Priority.CRITICAL, critical, max);
        if (batch.isEmpty()) {
            priority = Priority.TELEMETRY;
            batch = outbox.pendingAfter(Priority.TELEMETRY, telemetry, max);
        }
        if (batch.isEmpty()) {
            giveBackTokens(max);
            return false;
        }
        byte[] payload = encode(batch);
        while (payload.length > MAX_MESSAGE_BYTES && batch.size() > 1) {
            giveBackTokens(batch.size() - batch.size() / 2);
            batch = batch.subList(0, batch.size() / 2);
            payload = encode(batch);
        }
        List<Long> seqs = new ArrayList<>(batch.size());
        for (GateEvent e : batch) {
            seqs.add(e.seq());
        }
        long last = seqs.get(seqs.size() - 1);
        InFlight flight = new InFlight(seqs, gen);
        while (running) {
            lock.lock();
            try {
                if (gen != generation || !connected) {
                    return false;
                }
            } finally {
                lock.unlock();
            }
            try {
                MqttMessage m = new MqttMessage(payload);
                m.setQos(1);
                client.publish(settings.topic(Topics.UP_EVENTS), m, flight, new IMqttActionListener() {
                    @Override
                    public void onSuccess(IMqttToken token) {
                        acknowledged((InFlight) token.getUserContext());
                    }

                    @Override
                    public void onFailure(IMqttToken token, Throwable e) {
                        // Connection gone: the events stay pending and go out again after reconnect,
                        // which also refills the window.
                        if (((InFlight) token.getUserContext()).generation() == generation) {
                            window.release();
                        }
                    }
                });
                break;
            } catch (MqttException e) {
                if (e.getReasonCode() == MqttException.REASON_CODE_MAX_INFLIGHT) {
                    // Paho's own window is full for a moment (stack.md): retry the same message.
                    retriedPublishes.incrementAndGet();
                    Thread.sleep(2);
                    continue;
                }
                LOG.warn("publish failed: {}", e.toString());
                return false;
            }
        }
        messagesSent.incrementAndGet();
        lock.lock();
        try {
            if (gen == generation) {
                if (priority == Priority.CRITICAL) {
                    criticalCursor = Math.max(criticalCursor, last);
                } else {
                    telemetryCursor = Math.max(telemetryCursor, last);
                }
            }
        } finally {
            lock.unlock();
        }
        return true;
    }

    /** Sends every pending event again from the oldest (after a resync marked delivered ones pending). */
    private void rewind() {
        lock.lock();
        try {
            criticalCursor = 0;
            telemetryCursor = 0;
            wake.signalAll();
        } finally {
            lock.unlock();
        }
    }

    private void acknowledged(InFlight flight) {
        lastContact = clock.instant();
        eventsAcked.addAndGet(flight.seqs().size());
        outbox.markDelivered(flight.seqs());
        if (flight.generation() == generation) {
            window.release();
        }
    }

    private int takeTokens(int wanted) {
        long now = ticker.nanos();
        double rate = settings.ratePerSecond();
        tokens = Math.min(rate, tokens + (now - lastRefillNanos) * rate / 1e9);
        lastRefillNanos = now;
        int n = (int) Math.min(wanted, Math.floor(tokens));
        tokens -= n;
        return n;
    }

    private void giveBackTokens(int n) {
        if (settings.ratePerSecond() > 0) {
            tokens += n;
        }
    }

    private byte[] encode(List<GateEvent> batch) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("schema", "borderedge.uplink-batch");
        m.put("v", 1);
        m.put("gatewayId", settings.gatewayId());
        m.put("sentAt", clock.instant().toString());
        List<Map<String, Object>> events = new ArrayList<>(batch.size());
        for (GateEvent e : batch) {
            events.add(EventWire.toMap(e));
        }
        m.put("events", events);
        try {
            return JSON.writeValueAsBytes(m);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("event not serialisable", e);
        }
    }

    @Override
    public boolean connected() {
        return connected;
    }

    @Override
    public Instant lastContact() {
        return lastContact;
    }

    public long eventsAcked() {
        return eventsAcked.get();
    }

    /** Successful connections so far; one more than the outages survived. */
    public long connects() {
        return connects.get();
    }

    public long downlinkAccepted() {
        return downlink.accepted.get();
    }

    public long downlinkRejected() {
        return downlink.rejected.get();
    }

    /** Says goodbye (retained offline status), disconnects and stops the threads; pending events stay in the outbox. */
    @Override
    public void close() {
        running = false;
        outbox.removeAppendListener(appendListener);
        signal();
        reconnects.shutdownNow();
        try {
            sender.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            if (client.isConnected()) {
                client.publish(settings.topic(Topics.STATUS), status("offline", "shutdown"), 1, true).waitForCompletion(2000);
                client.disconnect(2000).waitForCompletion(3000);
            }
        } catch (MqttException e) {
            LOG.debug("disconnect: {}", e.toString());
        }
        try {
            client.close(true);
        } catch (MqttException e) {
            LOG.debug("close: {}", e.toString());
        }
        downlinkWorker.shutdown();
        try {
            downlinkWorker.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
