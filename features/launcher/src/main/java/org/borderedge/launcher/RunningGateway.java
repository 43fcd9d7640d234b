package org.borderedge.launcher;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleException;
import org.osgi.framework.FrameworkEvent;
import org.osgi.framework.launch.Framework;

/** A started gateway: its framework, where its HTTP API listens, and how to stop it. */
public final class RunningGateway implements AutoCloseable {

    private static final Pattern STATUS = Pattern.compile("\"status\"\\s*:\\s*\"(UP|DEGRADED|DOWN)\"");

    private final Framework framework;
    private final String baseUrl;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    RunningGateway(Framework framework, String baseUrl) {
        this.framework = framework;
        this.baseUrl = baseUrl;
    }

    public Framework framework() {
        return framework;
    }

    /** e.g. {@code http://127.0.0.1:8080} */
    public String baseUrl() {
        return baseUrl;
    }

    /** Non-fragment bundles that are not ACTIVE, as "bsn: state". */
    public List<String> inactiveBundles() {
        List<String> out = new ArrayList<>();
        for (Bundle b : framework.getBundleContext().getBundles()) {
            boolean fragment = b.getHeaders().get("Fragment-Host") != null;
            int wanted = fragment ? Bundle.RESOLVED : Bundle.ACTIVE;
            if (b.getState() != wanted) {
                out.add(b.getSymbolicName() + ": " + Launcher.stateName(b.getState()));
            }
        }
        return out;
    }

    /** The body of GET /api/v1/health, or null if the API does not answer. */
    public String health() {
        try {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(baseUrl + "/api/v1/health"))
                    .timeout(Duration.ofSeconds(5)).GET().build(), HttpResponse.BodyHandlers.ofString());
            return r.body();
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    public static String statusOf(String healthJson) {
        if (healthJson == null) {
            return "UNREACHABLE";
        }
        Matcher m = STATUS.matcher(healthJson);
        return m.find() ? m.group(1) : "UNKNOWN";
    }

    /** Waits until health says UP; returns the last health body (UP or not) when the time is over. */
    public String awaitUp(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        String last = null;
        while (System.nanoTime() < deadline) {
            last = health();
            if ("UP".equals(statusOf(last))) {
                return last;
            }
            TimeUnit.MILLISECONDS.sleep(200);
        }
        return last;
    }

    /** Stops every bundle in reverse start order and waits for the framework to finish. */
    public void stop(Duration timeout) throws BundleException, InterruptedException {
        if ((framework.getState() & (Bundle.ACTIVE | Bundle.STARTING)) == 0) {
            return;
        }
        framework.stop();
        FrameworkEvent e = framework.waitForStop(timeout.toMillis());
        if (e.getType() == FrameworkEvent.WAIT_TIMEDOUT) {
            throw new IllegalStateException("framework did not stop within " + timeout);
        }
    }

    @Override
    public void close() throws Exception {
        stop(Duration.ofSeconds(30));
    }
}
