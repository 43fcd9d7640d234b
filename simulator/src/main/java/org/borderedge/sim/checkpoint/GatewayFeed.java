package org.borderedge.sim.checkpoint;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * The gateway's own journal as the pull API serves it, read every {@code pollMs}: what the drivers
 * watch to act like the people at the lane (the truck sees the barrier; the officer sees the lane's
 * screen) and what the conformance check compares with the central. Survives the gateway being
 * killed: it keeps asking from the last sequence it saw.
 */
public final class GatewayFeed implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final URI baseUrl;
    private final String token;
    private final long pollMs;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final List<JsonNode> events = new ArrayList<>();
    private final Thread poller;
    private volatile boolean running = true;
    private volatile String lastProblem = "";
    private long after;

    public GatewayFeed(URI baseUrl, String token, long pollMs) {
        this.baseUrl = baseUrl;
        this.token = token;
        this.pollMs = pollMs;
        poller = new Thread(this::loop, "gateway-feed");
        poller.setDaemon(true);
        poller.start();
    }

    private void loop() {
        while (running) {
            try {
                if (pollOnce() == 0) {
                    Thread.sleep(pollMs);
                }
            } catch (InterruptedException e) {
                return;
            } catch (IOException | RuntimeException e) {
                lastProblem = e.toString();
                try {
                    Thread.sleep(Math.max(pollMs, 250));
                } catch (InterruptedException ie) {
                    return;
                }
            }
        }
    }

    /** Reads one page; returns how many events it held. */
    public synchronized int pollOnce() throws IOException, InterruptedException {
        URI uri = baseUrl.resolve("/api/v1/events?after=" + after + "&limit=1000");
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(uri).header("Authorization", "Bearer " + token)
                .timeout(Duration.ofSeconds(5)).GET().build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IOException("pull " + uri + " answered " + r.statusCode());
        }
        JsonNode page = JSON.readTree(r.body());
        int n = 0;
        for (JsonNode e : page.path("events")) {
            events.add(e);
            n++;
        }
        after = page.path("next").asLong(after);
        if (n > 0) {
            notifyAll();
        }
        return n;
    }

    /** Index of the next event to arrive: pass it to {@link #await} to see only what happens from now on. */
    public synchronized int mark() {
        return events.size();
    }

    /** Waits for the first event at or after index {@code from} that matches. */
    public synchronized Optional<JsonNode> await(int from, Predicate<JsonNode> match, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        int i = from;
        while (true) {
            for (; i < events.size(); i++) {
                if (match.test(events.get(i))) {
                    return Optional.of(events.get(i));
                }
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return Optional.empty();
            }
            wait(Math.max(1, Math.min(left / 1_000_000, 200)));
        }
    }

    public synchronized List<JsonNode> events() {
        return List.copyOf(events);
    }

    /** The last sequence read so far. */
    public synchronized long lastSeq() {
        return after;
    }

    public String lastProblem() {
        return lastProblem;
    }

    public static Predicate<JsonNode> of(String type, String laneId) {
        return e -> type.equals(e.path("type").asText()) && (laneId == null || laneId.equals(e.path("laneId").asText()));
    }

    @Override
    public void close() {
        running = false;
        poller.interrupt();
    }
}
