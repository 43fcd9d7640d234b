package org.borderedge.seal.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.borderedge.console.ConsoleAccess;
import org.borderedge.seal.SealAction;
import org.borderedge.seal.SealInventory;
import org.borderedge.seal.SealRecord;
import org.borderedge.seal.SealRequest;
import org.borderedge.seal.SealState;
import org.borderedge.seal.SealTransition;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletName;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletPattern;

/**
 * Seals REST API and console page, with the console's authentication (technician or supervisor):
 * GET /api/v1/seals?state=FAULTY lists; GET /api/v1/seals/{id} shows one;
 * POST /api/v1/seals/{id}/transitions {"action": "APPLY", "reason": "...", "declarationId", "vehicle"}
 * → 200, 400 incomplete, 404 unknown seal, 409 not allowed from its state (with the reason);
 * /console/seals/ is the page over it.
 */
@Component(service = Servlet.class)
@HttpWhiteboardServletName("borderedge-seals")
@HttpWhiteboardServletPattern({"/api/v1/seals", "/api/v1/seals/*", "/console/seals", "/console/seals/*"})
public final class SealServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_BODY = 8 * 1024;
    private static final String CSP = "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
            + "connect-src 'self'; frame-ancestors 'none'; form-action 'self'; base-uri 'none'";

    private final transient SealInventory inventory;
    private final transient ConsoleAccess access;

    @Activate
    public SealServlet(@Reference SealInventory inventory, @Reference ConsoleAccess access) {
        this.inventory = inventory;
        this.access = access;
    }

    @Override
    protected void service(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        resp.setHeader("X-Content-Type-Options", "nosniff");
        resp.setHeader("X-Frame-Options", "DENY");
        resp.setHeader("Content-Security-Policy", CSP);
        String path = req.getRequestURI().substring(req.getContextPath().length());
        if (path.startsWith("/console/seals")) {
            page(path, req, resp);
            return;
        }
        resp.setHeader("Cache-Control", "no-store");
        ConsoleAccess.Check check = access.check(req, ConsoleAccess.TECHNICIAN);
        if (!check.allowed()) {
            error(resp, check.status(), check.status() == 401 ? "unauthenticated" : "forbidden", check.message());
            return;
        }
        String rest = path.substring("/api/v1/seals".length());
        String method = req.getMethod();
        if (method.equals("GET") && (rest.isEmpty() || rest.equals("/"))) {
            list(req, resp);
        } else if (method.equals("GET") && rest.matches("/[^/]+")) {
            String id = rest.substring(1);
            Optional<SealRecord> s = inventory.find(id);
            if (s.isEmpty()) {
                error(resp, 404, "not_found", "no seal " + id + " in the inventory");
            } else {
                json(resp, 200, sealJson(s.get()));
            }
        } else if (method.equals("POST") && rest.matches("/[^/]+/transitions")) {
            transition(rest.substring(1, rest.length() - "/transitions".length()), check.user(), req, resp);
        } else {
            error(resp, 404, "not_found", method + " " + path + " is not part of the seals API");
        }
    }

    private void list(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        String s = req.getParameter("state");
        SealState state = null;
        if (s != null && !s.isBlank()) {
            try {
                state = SealState.valueOf(s.strip().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                error(resp, 400, "state", "state must be one of " + Arrays.toString(SealState.values()) + ", was '" + s + "'");
                return;
            }
        }
        List<Object> out = new ArrayList<>();
        for (SealRecord r : inventory.list(state)) {
            out.add(sealJson(r));
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("state", state == null ? null : state.name());
        body.put("seals", out);
        json(resp, 200, body);
    }

    private void transition(String id, String user, HttpServletRequest req, HttpServletResponse resp) throws IOException {
        JsonNode body;
        try (InputStream in = req.getInputStream()) {
            byte[] raw = in.readNBytes(MAX_BODY + 1);
            if (raw.length > MAX_BODY) {
                error(resp, 413, "too_large", "body above " + MAX_BODY + " bytes");
                return;
            }
            body = JSON.readTree(raw);
        } catch (IOException e) {
            error(resp, 400, "body", "body must be a JSON object: " + e.getMessage());
            return;
        }
        if (body == null || !body.isObject()) {
            error(resp, 400, "body", "body must be a JSON object with action and reason");
            return;
        }
        SealAction action;
        try {
            action = SealAction.valueOf(body.path("action").asText("").strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            error(resp, 400, "action", "action must be one of " + Arrays.toString(SealAction.values()));
            return;
        }
        SealTransition t = inventory.transition(id, new SealRequest(action, user, body.path("reason").asText(""),
                body.path("declarationId").asText(""), body.path("vehicle").asText("")));
        switch (t.status()) {
            case ACCEPTED -> json(resp, 200, sealJson(t.record()));
            case INVALID -> error(resp, 400, "invalid", t.reason());
            case UNKNOWN_SEAL -> error(resp, 404, "unknown_seal", t.reason());
            case REFUSED -> error(resp, 409, "refused", t.reason());
            case FAILED -> error(resp, 503, "not_recorded", t.reason());
        }
    }

    private void page(String path, HttpServletRequest req, HttpServletResponse resp) throws IOException {
        if (path.equals("/console/seals")) {
            resp.sendRedirect(req.getContextPath() + "/console/seals/");
            return;
        }
        String name = path.equals("/console/seals/") ? "index.html" : path.substring("/console/seals/".length());
        String type = switch (name) {
            case "index.html" -> "text/html; charset=utf-8";
            case "seals.js" -> "text/javascript; charset=utf-8";
            case "seals.css" -> "text/css; charset=utf-8";
            default -> null;
        };
        InputStream in = type == null ? null : SealServlet.class.getResourceAsStream("/seal/" + name);
        if (in == null) {
            error(resp, 404, "not_found", "no such page " + path);
            return;
        }
        try (in) {
            resp.setContentType(type);
            resp.setHeader("Cache-Control", "no-cache");
            in.transferTo(resp.getOutputStream());
        }
    }

    static Map<String, Object> sealJson(SealRecord r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("sealId", r.sealId());
        m.put("state", r.state().name());
        m.put("declarationId", r.declarationId());
        m.put("vehicle", r.vehicle());
        m.put("laneId", r.laneId());
        m.put("batteryPct", r.batteryPct());
        m.put("lock", r.lock());
        m.put("lastSeen", r.lastSeen() == null ? null : r.lastSeen().toString());
        m.put("fault", r.fault());
        m.put("updatedAt", r.updatedAt().toString());
        return m;
    }

    private static void json(HttpServletResponse resp, int status, Object body) throws IOException {
        resp.setStatus(status);
        resp.setContentType("application/json");
        resp.setCharacterEncoding("UTF-8");
        JSON.writeValue(resp.getOutputStream(), body);
    }

    private static void error(HttpServletResponse resp, int status, String code, String message) throws IOException {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("error", code);
        m.put("message", message);
        json(resp, status, m);
    }
}
