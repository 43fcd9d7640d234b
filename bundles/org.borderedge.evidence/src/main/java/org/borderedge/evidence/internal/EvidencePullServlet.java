package org.borderedge.evidence.internal;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.borderedge.evidence.EvidenceItem;
import org.borderedge.evidence.EvidenceStore;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletName;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletPattern;

/**
 * The central fetches evidence by reference with its pull token:
 * GET /api/v1/evidence/{id} (Range supported; hash in ETag and X-Evidence-SHA256),
 * GET /api/v1/evidence?cycleId=... (the cycle's references),
 * POST /api/v1/evidence/{id}/received {"sha256": "..."}: the central confirms a verified copy, which
 * lets the quota evict it. That receipt is the only write the read-only token can make: it never
 * touches a lane and never removes evidence the central does not hold.
 */
@Component(service = Servlet.class, configurationPid = "org.borderedge.api.http")
@HttpWhiteboardServletName("borderedge-evidence-pull")
@HttpWhiteboardServletPattern({"/api/v1/evidence", "/api/v1/evidence/*"})
public final class EvidencePullServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;
    private static final int MAX_BODY = 4096;

    private final transient EvidenceStore store;
    private final byte[] token;

    @Activate
    public EvidencePullServlet(@Reference EvidenceStore store, PullTokenConfig config) {
        this.store = store;
        this.token = config.pullToken().getBytes(StandardCharsets.UTF_8);
    }

    private boolean authorised(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        String header = req.getHeader("Authorization");
        if (token.length > 0 && header != null && header.regionMatches(true, 0, "Bearer ", 0, 7)
                && MessageDigest.isEqual(token, header.substring(7).strip().getBytes(StandardCharsets.UTF_8))) {
            return true;
        }
        resp.setHeader("WWW-Authenticate", "Bearer realm=\"borderedge-pull\"");
        EvidenceResponses.error(resp, 401, "unauthorized", "Authorization: Bearer <pullToken> required");
        return false;
    }

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        get(req, resp, false);
    }

    @Override
    protected void doHead(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        get(req, resp, true);
    }

    private void get(HttpServletRequest req, HttpServletResponse resp, boolean head) throws IOException {
        if (!authorised(req, resp)) {
            return;
        }
        String id = id(req);
        if (id.isEmpty()) {
            String cycle = req.getParameter("cycleId");
            if (cycle == null || cycle.isBlank()) {
                EvidenceResponses.error(resp, 400, "cycleId", "cycleId parameter or /{evidenceId} required");
                return;
            }
            List<Object> out = new ArrayList<>();
            for (EvidenceItem i : store.forCycle(cycle)) {
                out.add(EvidenceResponses.itemJson(i));
            }
            EvidenceResponses.json(resp, 200, Map.of("cycleId", cycle, "evidence", out));
            return;
        }
        if (id.contains("/")) {
            EvidenceResponses.error(resp, 404, "not_found", "no such resource");
            return;
        }
        EvidenceResponses.content(store, id, req, resp, head);
    }

    @Override
    protected void doPost(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        if (!authorised(req, resp)) {
            return;
        }
        String path = id(req);
        if (!path.endsWith("/received")) {
            EvidenceResponses.error(resp, 404, "not_found", "POST only to /api/v1/evidence/{id}/received");
            return;
        }
        String id = path.substring(0, path.length() - "/received".length());
        JsonNode body;
        try (InputStream in = req.getInputStream()) {
            byte[] raw = in.readNBytes(MAX_BODY + 1);
            if (raw.length > MAX_BODY) {
                EvidenceResponses.error(resp, 413, "too_large", "body above " + MAX_BODY + " bytes");
                return;
            }
            body = EvidenceResponses.JSON.readTree(raw);
        } catch (IOException e) {
            EvidenceResponses.error(resp, 400, "body", "body must be JSON {\"sha256\": \"<hex>\"}: " + e.getMessage());
            return;
        }
        String sha = body == null ? "" : body.path("sha256").asText("");
        if (sha.isEmpty()) {
            EvidenceResponses.error(resp, 400, "sha256", "sha256 of the copy the central holds is required");
            return;
        }
        var item = store.find(id);
        if (item.isEmpty()) {
            EvidenceResponses.error(resp, 404, "not_found", "no evidence " + id);
            return;
        }
        if (!store.markSynced(id, sha)) {
            EvidenceResponses.error(resp, 409, "hash_mismatch", "the central's copy has sha256 " + sha
                    + ", the gateway's " + item.get().ref().sha256() + ": fetch it again");
            return;
        }
        EvidenceResponses.json(resp, 200, Map.of("id", id, "synced", true));
    }

    private static String id(HttpServletRequest req) {
        String info = req.getPathInfo();
        return info == null || info.equals("/") ? "" : info.substring(1);
    }
}
