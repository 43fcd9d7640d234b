package org.borderedge.evidence.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.borderedge.evidence.EvidenceException;
import org.borderedge.evidence.EvidenceItem;
import org.borderedge.evidence.EvidenceStore;

/** Serving evidence content over HTTP, shared by the pull API and the console. */
final class EvidenceResponses {

    static final ObjectMapper JSON = new ObjectMapper();

    private EvidenceResponses() {
    }

    /**
     * Sends the item (or the requested range) with its hash in ETag, X-Evidence-SHA256 and
     * Repr-Digest. A whole-content answer is checked against the stored hash first, so a corrupted
     * file is refused (500) instead of being delivered as evidence.
     */
    static void content(EvidenceStore store, String id, HttpServletRequest req, HttpServletResponse resp, boolean head)
            throws IOException {
        Optional<EvidenceItem> found = store.find(id);
        if (found.isEmpty()) {
            error(resp, 404, "not_found", "no evidence " + id);
            return;
        }
        EvidenceItem item = found.get();
        if (item.evicted() != null) {
            error(resp, 410, "evicted", "evidence " + id + " was evicted under the media quota at " + item.evicted());
            return;
        }
        long size = item.ref().size();
        Optional<ByteRange> range;
        try {
            range = ByteRange.parse(req.getHeader("Range"), size);
        } catch (ByteRange.Unsatisfiable e) {
            resp.setHeader("Content-Range", "bytes */" + size);
            error(resp, 416, "range", e.getMessage());
            return;
        }
        String sha = item.ref().sha256();
        String etag = "\"" + sha + "\"";
        String ifRange = req.getHeader("If-Range");
        if (range.isPresent() && ifRange != null && !ifRange.equals(etag)) {
            range = Optional.empty();
        }
        if (range.isEmpty()) {
            try {
                store.verify(id);
            } catch (EvidenceException e) {
                error(resp, 500, "integrity", e.getMessage());
                return;
            }
        }
        resp.setHeader("Accept-Ranges", "bytes");
        resp.setHeader("ETag", etag);
        resp.setHeader("X-Evidence-SHA256", sha);
        resp.setHeader("Repr-Digest", "sha-256=:" + Base64.getEncoder().encodeToString(HexFormat.of().parseHex(sha)) + ":");
        resp.setHeader("Cache-Control", "private, max-age=86400, immutable");
        resp.setContentType(item.ref().mediaType());
        long first = range.map(ByteRange::first).orElse(0L);
        long length = range.map(ByteRange::length).orElse(size);
        if (range.isPresent()) {
            resp.setStatus(206);
            resp.setHeader("Content-Range", "bytes " + first + "-" + (first + length - 1) + "/" + size);
        } else {
            resp.setStatus(200);
        }
        resp.setContentLengthLong(length);
        if (head) {
            return;
        }
        try (InputStream in = store.open(id, first, length)) {
            in.transferTo(resp.getOutputStream());
        } catch (EvidenceException e) {
            if (!resp.isCommitted()) {
                resp.reset();
                error(resp, 500, "unreadable", e.getMessage());
            }
        }
    }

    static Map<String, Object> itemJson(EvidenceItem i) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", i.ref().id());
        m.put("sha256", i.ref().sha256());
        m.put("size", i.ref().size());
        m.put("mediaType", i.ref().mediaType());
        m.put("kind", i.kind());
        m.put("laneId", i.laneId());
        m.put("cycleId", i.cycleId());
        m.put("storedAt", i.storedAt().toString());
        m.put("synced", i.synced());
        m.put("evicted", i.evicted() == null ? null : i.evicted().toString());
        return m;
    }

    static void json(HttpServletResponse resp, int status, Object body) throws IOException {
        resp.setStatus(status);
        resp.setContentType("application/json");
        resp.setCharacterEncoding("UTF-8");
        resp.setHeader("Cache-Control", "no-store");
        JSON.writeValue(resp.getOutputStream(), body);
    }

    static void error(HttpServletResponse resp, int status, String code, String message) throws IOException {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("error", code);
        m.put("message", message);
        json(resp, status, m);
    }
}
