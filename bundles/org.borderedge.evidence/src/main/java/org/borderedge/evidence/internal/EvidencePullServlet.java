package org.borderedge.evidence.internal;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.borderedge.access.AgencyTokens;
import org.borderedge.access.PullCaller;
import org.borderedge.core.EventDraft;
import org.borderedge.core.EventType;
import org.borderedge.evidence.EvidenceItem;
import org.borderedge.evidence.EvidenceStore;
import org.borderedge.outbox.Outbox;
import org.borderedge.outbox.OutboxException;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletName;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletPattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The central fetches evidence by reference with its pull token:
 * GET /api/v1/evidence/{id} (Range supported; hash in ETag and X-Evidence-SHA256),
 * GET /api/v1/evidence?cycleId=... (the cycle's references),
 * POST /api/v1/evidence/{id}/received {"sha256": "..."}: the central confirms a verified copy, which
 * lets the quota evict it. That receipt is the only write the read-only token can make: it never
 * touches a lane and never removes evidence the central does not hold.
 *
 * <p>Agency tokens (border guard, quarantine ...) read the evidence of the lanes in their scope when
 * the scope includes EVIDENCE_STORED events; anything else is 403. They never confirm receipt, since
 * that would let the quota evict evidence customs has not fetched. Every request an agency token
 * makes is journalled as an AUDIT event ({@code action = EVIDENCE_PULL}): fetching a picture of a
 * truck is a deliberate act worth a line each, unlike the event pulls that are audited per window.
 */
@Component(service = Servlet.class, configurationPid = "org.borderedge.api.http")
@HttpWhiteboardServletName("borderedge-evidence-pull")
@HttpWhiteboardServletPattern({"/api/v1/evidence", "/api/v1/evidence/*"})
public final class EvidencePullServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;
    private static final int MAX_BODY = 4096;
    private static final Logger LOG = LoggerFactory.getLogger(EvidencePullServlet.class);

    private final transient EvidenceStore store;
    private final byte[] token;
    private final transient Supplier<AgencyTokens> tokens;
    private final transient Supplier<Outbox> outbox;
    private final transient Clock clock;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile AgencyTokens agencyTokens;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile Outbox journal;

    @Activate
    public EvidencePullServlet(@Reference EvidenceStore store, PullTokenConfig config) {
        this.store = store;
        this.token = config.pullToken().getBytes(StandardCharsets.UTF_8);
        this.tokens = () -> agencyTokens;
        this.outbox = () -> journal;
        this.clock = Clock.systemUTC();
    }

    /** For tests outside OSGi: the agency tokens and the journal the audit goes to. */
    EvidencePullServlet(EvidenceStore store, PullTokenConfig config, AgencyTokens agencyTokens, Outbox outbox, Clock clock) {
        this.store = store;
        this.token = config.pullToken().getBytes(StandardCharsets.UTF_8);
        this.tokens = () -> agencyTokens;
        this.outbox = () -> outbox;
        this.clock = clock;
    }

    private Optional<PullCaller> authorised(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        Optional<PullCaller> caller = PullCaller.of(req.getHeader("Authorization"), token, tokens.get());
        if (caller.isPresent()) {
            return caller;
        }
        resp.setHeader("WWW-Authenticate", "Bearer realm=\"borderedge-pull\"");
        EvidenceResponses.error(resp, 401, "unauthorized", "Authorization: Bearer <pullToken or agency token> required");
        return Optional.empty();
    }

    /** Evidence is what EVIDENCE_STORED events name: a scope reads it for its lanes when it includes that type. */
    private static boolean mayRead(PullCaller caller, EvidenceItem item) {
        return caller.scope().allows(EventType.EVIDENCE_STORED.name(), item.laneId().isEmpty() ? null : item.laneId());
    }

    private void forbidden(HttpServletResponse resp, String message) throws IOException {
        EvidenceResponses.error(resp, 403, "forbidden", message);
    }

    /** One AUDIT event per agency request; the central's own pulls are not audited here. */
    private void audit(PullCaller caller, String method, String what, String laneId, HttpServletResponse resp) {
        if (caller.central()) {
            return;
        }
        Outbox o = outbox.get();
        if (o == null) {
            return;
        }
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("action", "EVIDENCE_PULL");
        p.put("principal", caller.agency().id());
        p.put("agency", caller.agency().agency().wireName());
        p.put("label", caller.agency().label());
        p.put("request", method + " " + what);
        p.put("status", resp.getStatus());
        try {
            o.append(EventDraft.of(EventType.AUDIT, laneId == null || laneId.isEmpty() ? null : laneId, clock.instant(), p));
        } catch (OutboxException | RuntimeException e) {
            LOG.warn("audit of {} by agency token {} not journalled: {}", what, caller.agency().id(), e.toString());
        }
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
        Optional<PullCaller> who = authorised(req, resp);
        if (who.isEmpty()) {
            return;
        }
        PullCaller caller = who.get();
        String id = id(req);
        if (id.isEmpty()) {
            String cycle = req.getParameter("cycleId");
            if (cycle == null || cycle.isBlank()) {
                EvidenceResponses.error(resp, 400, "cycleId", "cycleId parameter or /{evidenceId} required");
                audit(caller, "GET", "evidence?cycleId=", null, resp);
                return;
            }
            List<EvidenceItem> items = store.forCycle(cycle);
            List<Object> out = new ArrayList<>();
            for (EvidenceItem i : items) {
                if (mayRead(caller, i)) {
                    out.add(EvidenceResponses.itemJson(i));
                }
            }
            String lane = items.isEmpty() ? null : items.get(0).laneId();
            if (out.isEmpty() && !items.isEmpty()) {
                forbidden(resp, "cycle " + cycle + " is outside this token's scope");
            } else {
                EvidenceResponses.json(resp, 200, Map.of("cycleId", cycle, "evidence", out));
            }
            audit(caller, "GET", "evidence?cycleId=" + cycle, lane, resp);
            return;
        }
        if (id.contains("/")) {
            EvidenceResponses.error(resp, 404, "not_found", "no such resource");
            return;
        }
        Optional<EvidenceItem> item = store.find(id);
        if (item.isPresent() && !mayRead(caller, item.get())) {
            forbidden(resp, "evidence " + id + " belongs to lane " + item.get().laneId() + ", outside this token's scope");
        } else {
            EvidenceResponses.content(store, id, req, resp, head);
        }
        audit(caller, head ? "HEAD" : "GET", "evidence/" + id + rangeOf(req), item.map(EvidenceItem::laneId).orElse(null), resp);
    }

    @Override
    protected void doPost(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        Optional<PullCaller> who = authorised(req, resp);
        if (who.isEmpty()) {
            return;
        }
        if (!who.get().central()) {
            forbidden(resp, "only the central's pull token confirms receipt of evidence");
            audit(who.get(), "POST", "evidence" + (req.getPathInfo() == null ? "" : req.getPathInfo()), null, resp);
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
        boolean recorded;
        try {
            recorded = store.markSynced(id, sha);
        } catch (IllegalStateException e) {
            resp.setHeader("Retry-After", "30");
            EvidenceResponses.error(resp, 503, "unavailable", e.getMessage());
            return;
        }
        if (!recorded) {
            EvidenceResponses.error(resp, 409, "hash_mismatch", "the central's copy has sha256 " + sha
                    + ", the gateway's " + item.get().ref().sha256() + ": fetch it again");
            return;
        }
        EvidenceResponses.json(resp, 200, Map.of("id", id, "synced", true));
    }

    private static String rangeOf(HttpServletRequest req) {
        String range = req.getHeader("Range");
        return range == null ? "" : " " + range.strip();
    }

    private static String id(HttpServletRequest req) {
        String info = req.getPathInfo();
        return info == null || info.equals("/") ? "" : info.substring(1);
    }
}
