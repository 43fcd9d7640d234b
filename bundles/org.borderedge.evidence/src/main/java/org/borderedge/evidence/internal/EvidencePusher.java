package org.borderedge.evidence.internal;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.borderedge.evidence.EvidenceException;
import org.borderedge.evidence.EvidenceItem;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Optional push of small items to the central, so a held truck's pictures reach it without waiting
 * for a pull: {@code PUT <url>/<evidenceId>} with the content, its media type and
 * {@code X-Evidence-SHA256}, plus cycle, lane and kind headers. The central answers 2xx with the
 * SHA-256 it computed over what it received in {@code X-Evidence-SHA256}; only a matching answer
 * marks the item synced. Anything else leaves it for the next round (or for the pull API).
 */
final class EvidencePusher {

    private static final Logger LOG = LoggerFactory.getLogger(EvidencePusher.class);

    private final SqliteEvidenceStore store;
    private final HttpClient http;
    private final String url;
    private final String token;
    private final long maxBytes;
    private final AtomicLong pushed = new AtomicLong();
    private final AtomicLong failures = new AtomicLong();

    EvidencePusher(SqliteEvidenceStore store, String url, String token, long maxBytes) {
        this.store = store;
        this.url = url.endsWith("/") ? url : url + "/";
        this.token = token;
        this.maxBytes = maxBytes;
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    }

    long pushed() {
        return pushed.get();
    }

    long failures() {
        return failures.get();
    }

    /** Pushes up to {@code limit} pending items; stops at the first transport error (central unreachable). */
    int pushPending(int limit) {
        int done = 0;
        for (EvidenceItem item : store.unsynced(maxBytes, limit)) {
            String id = item.ref().id();
            byte[] content;
            try (InputStream in = store.open(id, 0, -1)) {
                content = in.readAllBytes();
            } catch (EvidenceException | IOException e) {
                failures.incrementAndGet();
                continue;
            }
            if (!SqliteEvidenceStore.sha256(content).equals(item.ref().sha256())) {
                failures.incrementAndGet();
                LOG.warn("Evidence {} is corrupt on the gateway; not pushed", id);
                continue;
            }
            HttpRequest.Builder req = HttpRequest.newBuilder(URI.create(url + id)).timeout(Duration.ofSeconds(30))
                    .header("Content-Type", item.ref().mediaType())
                    .header("X-Evidence-SHA256", item.ref().sha256())
                    .header("X-Evidence-Cycle", item.cycleId())
                    .header("X-Evidence-Lane", item.laneId())
                    .header("X-Evidence-Kind", item.kind())
                    .PUT(HttpRequest.BodyPublishers.ofByteArray(content));
            if (!token.isEmpty()) {
                req.header("Authorization", "Bearer " + token);
            }
            HttpResponse<Void> resp;
            try {
                resp = http.send(req.build(), HttpResponse.BodyHandlers.discarding());
            } catch (IOException e) {
                failures.incrementAndGet();
                LOG.debug("Evidence push to {} failed: {}", url, e.toString());
                return done;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return done;
            }
            String theirs = resp.headers().firstValue("X-Evidence-SHA256").orElse("");
            boolean confirmed;
            try {
                confirmed = resp.statusCode() / 100 == 2 && store.markSynced(id, theirs);
            } catch (IllegalStateException e) {
                failures.incrementAndGet();
                LOG.warn("Evidence {} pushed but its receipt was not recorded (pushed again later): {}", id, e.getMessage());
                return done;
            }
            if (confirmed) {
                pushed.incrementAndGet();
                done++;
            } else {
                failures.incrementAndGet();
                LOG.warn("Central did not confirm evidence {}: HTTP {}, sha256 '{}' (ours {})", id, resp.statusCode(), theirs,
                        item.ref().sha256());
            }
        }
        return done;
    }
}
