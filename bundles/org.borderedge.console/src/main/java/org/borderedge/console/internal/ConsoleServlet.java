package org.borderedge.console.internal;

import com.fasterxml.jackson.core.type.TypeReference;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.Servlet;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.borderedge.console.LaneConsoleSource;
import org.borderedge.console.LaneView;
import org.borderedge.console.internal.Console.LoginOutcome;
import org.borderedge.console.internal.Console.OverrideOutcome;
import org.borderedge.console.internal.Sessions.Session;
import org.borderedge.console.internal.UserStore.Principal;
import org.borderedge.core.GateEvent;
import org.borderedge.device.Device;
import org.borderedge.device.DeviceProfile;
import org.borderedge.outbox.OutboxStats;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletAsyncSupported;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletName;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletPattern;

/**
 * The console's pages, its JSON API under /console/api, and the public lanes API of design.md
 * section 3 (/api/v1/lanes). Authentication is checked first (401), then the CSRF token for
 * session-authenticated state changes (403), then the role (403), then the request body (400).
 */
@Component(service = Servlet.class)
@HttpWhiteboardServletName("borderedge-console")
@HttpWhiteboardServletPattern({"/console", "/console/*", "/api/v1/lanes", "/api/v1/lanes/*"})
@HttpWhiteboardServletAsyncSupported
public class ConsoleServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;
    static final String CSRF_HEADER = "X-CSRF-Token";
    /** Set by the page on its own periodic refreshes, which are not user activity. */
    static final String BACKGROUND_HEADER = "X-Background";
    private static final int MAX_BODY = 16 * 1024;
    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
    };
    private static final String CSP = "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
            + "connect-src 'self'; frame-ancestors 'none'; form-action 'self'; base-uri 'none'";

    private final transient ConsoleRuntime runtime;

    @Activate
    public ConsoleServlet(@Reference ConsoleRuntime runtime) {
        this.runtime = runtime;
    }

    private Console console() {
        return runtime.console();
    }

    /** What the request proved about its sender. */
    private record Auth(Principal principal, Session session) {
        boolean viaSession() {
            return session != null;
        }
    }

    @Override
    protected void service(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        resp.setHeader("X-Content-Type-Options", "nosniff");
        resp.setHeader("Referrer-Policy", "no-referrer");
        resp.setHeader("X-Frame-Options", "DENY");
        resp.setHeader("Content-Security-Policy", CSP);
        String path = req.getRequestURI().substring(req.getContextPath().length());
        String method = req.getMethod();
        try {
            route(method, path, req, resp);
        } catch (BadRequest e) {
            error(resp, 400, e.code, e.getMessage());
        }
    }

    private void route(String method, String path, HttpServletRequest req, HttpServletResponse resp) throws IOException {
        if (path.equals("/console")) {
            resp.sendRedirect(req.getContextPath() + "/console/");
            return;
        }
        if (path.equals("/console/") || path.equals("/console/index.html")) {
            staticFile("index.html", resp);
            return;
        }
        if (path.startsWith("/console/static/")) {
            staticFile(path.substring("/console/static/".length()), resp);
            return;
        }
        resp.setHeader("Cache-Control", "no-store");
        if (path.startsWith("/api/v1/lanes")) {
            lanesApi(method, path.substring("/api/v1/lanes".length()), req, resp);
            return;
        }
        if (!path.startsWith("/console/api/")) {
            error(resp, 404, "not_found", "no such page " + path);
            return;
        }
        String api = path.substring("/console/api".length());
        switch (method + " " + api) {
            case "GET /session" -> session(req, resp);
            case "POST /login" -> login(req, resp);
            case "POST /setup" -> setup(req, resp);
            default -> authenticatedApi(method, api, req, resp);
        }
    }

    private void authenticatedApi(String method, String api, HttpServletRequest req, HttpServletResponse resp)
            throws IOException {
        Optional<Auth> auth = authenticate(req);
        if (auth.isEmpty()) {
            error(resp, 401, "unauthenticated", "log in first");
            return;
        }
        Auth a = auth.get();
        boolean unsafe = !method.equals("GET") && !method.equals("HEAD");
        if (unsafe && !csrfOk(a, req)) {
            error(resp, 403, "csrf", "missing or wrong " + CSRF_HEADER + " header");
            return;
        }
        if (api.startsWith("/lanes")) {
            lanes(method, api.substring("/lanes".length()), a, req, resp);
            return;
        }
        if (api.equals("/agency-tokens") || api.startsWith("/agency-tokens/")) {
            if (requireRole(a, Role.SUPERVISOR, resp)) {
                AgencyTokenApi.Reply r = new AgencyTokenApi(console()).handle(method, api.substring("/agency-tokens".length()),
                        a.principal(), method.equals("POST") ? body(req) : Map.of());
                json(resp, r.status(), r.body());
            }
            return;
        }
        switch (method + " " + api) {
            case "POST /logout" -> {
                if (a.viaSession()) {
                    console().logout(a.session());
                }
                resp.addHeader("Set-Cookie", Sessions.COOKIE + "=; Path=/; Max-Age=0; HttpOnly; SameSite=Strict"
                        + (req.isSecure() ? "; Secure" : ""));
                json(resp, 200, Map.of("loggedOut", true));
            }
            case "GET /devices" -> json(resp, 200, devices());
            case "GET /sync" -> json(resp, 200, sync());
            case "GET /events" -> events(req, resp);
            case "GET /stages" -> json(resp, 200, stages());
            case "GET /profiles" -> json(resp, 200, profiles());
            case "GET /audit" -> {
                if (requireRole(a, Role.SUPERVISOR, resp)) {
                    json(resp, 200, audit(intParam(req, "limit", 200)));
                }
            }
            case "GET /audit/verify" -> {
                if (requireRole(a, Role.SUPERVISOR, resp)) {
                    AuditTrail.Verification v = console().audit.verify();
                    json(resp, 200, v);
                }
            }
            case "GET /users" -> {
                if (requireRole(a, Role.SUPERVISOR, resp)) {
                    json(resp, 200, users());
                }
            }
            case "POST /users" -> {
                if (requireRole(a, Role.SUPERVISOR, resp)) {
                    createUser(a, req, resp);
                }
            }
            case "POST /tokens" -> {
                if (requireRole(a, Role.SUPERVISOR, resp)) {
                    createToken(a, req, resp);
                }
            }
            default -> error(resp, 404, "not_found", "no such API " + method + " " + api);
        }
    }

    // ---- public lanes API (design.md section 3) -------------------------------------------------

    private void lanesApi(String method, String rest, HttpServletRequest req, HttpServletResponse resp)
            throws IOException {
        Optional<Auth> auth = authenticate(req);
        if (auth.isEmpty()) {
            resp.setHeader("WWW-Authenticate", "Bearer realm=\"borderedge\"");
            error(resp, 401, "unauthenticated", "a console session or an API token is required");
            return;
        }
        Auth a = auth.get();
        if (!method.equals("GET") && !csrfOk(a, req)) {
            error(resp, 403, "csrf", "missing or wrong " + CSRF_HEADER + " header");
            return;
        }
        lanes(method, rest, a, req, resp);
    }

    private void lanes(String method, String rest, Auth a, HttpServletRequest req, HttpServletResponse resp)
            throws IOException {
        LaneConsoleSource source = console().services.lanes();
        if (rest.isEmpty() || rest.equals("/")) {
            if (!method.equals("GET")) {
                error(resp, 405, "method", "use GET");
                return;
            }
            List<Object> out = new ArrayList<>();
            for (LaneView v : source.lanes()) {
                out.add(console().laneJson(v));
            }
            json(resp, 200, Map.of("lanes", out, "zone", console().settings.zone().getId()));
            return;
        }
        if (rest.equals("/stream") && method.equals("GET")) {
            stream(a, req, resp);
            return;
        }
        String[] parts = rest.substring(1).split("/");
        String laneId = parts[0];
        if (parts.length == 2 && parts[1].equals("override") && method.equals("POST")) {
            override(a, laneId, req, resp);
        } else if (parts.length == 2 && parts[1].equals("crop") && method.equals("GET")) {
            Optional<byte[]> jpeg = source.plateCrop(laneId);
            if (jpeg.isEmpty()) {
                error(resp, 404, "no_crop", "no plate image for lane " + laneId);
                return;
            }
            resp.setContentType("image/jpeg");
            resp.getOutputStream().write(jpeg.get());
        } else if (parts.length == 1 && method.equals("GET")) {
            Optional<LaneView> v = source.lane(laneId);
            if (v.isEmpty()) {
                error(resp, 404, "no_lane", "no lane " + laneId);
            } else {
                json(resp, 200, console().laneJson(v.get()));
            }
        } else {
            error(resp, 404, "not_found", "no such lane API " + method + " " + rest);
        }
    }

    private void override(Auth a, String laneId, HttpServletRequest req, HttpServletResponse resp) throws IOException {
        if (!requireRole(a, Role.TECHNICIAN, resp)) {
            return;
        }
        Map<String, Object> body = body(req);
        OverrideOutcome outcome = console().override(a.principal(), laneId, str(body, "action"), str(body, "reason"));
        if (outcome instanceof OverrideOutcome.Done d) {
            json(resp, 200, Map.of("lane", laneId, "accepted", true, "state", String.valueOf(d.result().state()),
                    "auditSeq", d.auditSeq()));
        } else if (outcome instanceof OverrideOutcome.Invalid i) {
            error(resp, 400, i.code(), i.message());
        } else if (outcome instanceof OverrideOutcome.NoLane n) {
            error(resp, 404, "no_lane", "no lane " + n.laneId());
        } else if (outcome instanceof OverrideOutcome.Refused r) {
            json(resp, 409, Map.of("error", "interlock", "message", r.reason(), "lane", laneId, "accepted", false,
                    "auditSeq", r.auditSeq()));
        }
    }

    private void stream(Auth a, HttpServletRequest req, HttpServletResponse resp) throws IOException {
        resp.setStatus(200);
        resp.setContentType("text/event-stream");
        resp.setCharacterEncoding("UTF-8");
        resp.setHeader("X-Accel-Buffering", "no");
        AsyncContext async = req.startAsync();
        async.setTimeout(0);
        PrintWriter out = resp.getWriter();
        Console c = console();
        String sessionId = a.viaSession() ? a.session().id : null;
        LiveLanes.Client client = new LiveLanes.Client() {
            @Override
            public synchronized boolean send(String event, String data) {
                if (sessionId != null && !c.sessions.alive(sessionId)) {
                    return false;
                }
                out.write("event: " + event + "\ndata: " + data + "\n\n");
                out.flush();
                return !out.checkError();
            }

            @Override
            public void close() {
                try {
                    async.complete();
                } catch (IllegalStateException alreadyDone) {
                    // the browser went away first
                }
            }
        };
        List<Object> lanes = new ArrayList<>();
        for (LaneView v : c.services.lanes().lanes()) {
            lanes.add(c.laneJson(v));
        }
        client.send("snapshot", c.write(lanes));
        c.live.join(client);
        async.addListener(new jakarta.servlet.AsyncListener() {
            @Override
            public void onComplete(jakarta.servlet.AsyncEvent e) {
                c.live.leave(client);
            }

            @Override
            public void onTimeout(jakarta.servlet.AsyncEvent e) {
                c.live.leave(client);
            }

            @Override
            public void onError(jakarta.servlet.AsyncEvent e) {
                c.live.leave(client);
            }

            @Override
            public void onStartAsync(jakarta.servlet.AsyncEvent e) {
            }
        });
    }

    // ---- session, login, setup ------------------------------------------------------------------

    private void session(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        Map<String, Object> m = new LinkedHashMap<>();
        Optional<Auth> a = authenticate(req).filter(Auth::viaSession);
        m.put("authenticated", a.isPresent());
        a.ifPresent(auth -> {
            m.put("user", auth.principal().name());
            m.put("role", auth.principal().role().wireName());
            m.put("csrf", auth.session().csrf);
        });
        m.put("setupRequired", console().setupToken().isPresent());
        m.put("zone", console().settings.zone().getId());
        m.put("idleTimeoutSec", console().sessions.idleTimeout().toSeconds());
        json(resp, 200, m);
    }

    private void login(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        Map<String, Object> body = body(req);
        LoginOutcome outcome = console().login(str(body, "user"), str(body, "password"), req.getRemoteAddr());
        if (outcome instanceof LoginOutcome.Ok ok) {
            loggedIn(ok.session(), req, resp);
        } else if (outcome instanceof LoginOutcome.Throttled t) {
            long seconds = Math.max(1, (t.retryAfter().toMillis() + 999) / 1000);
            resp.setHeader("Retry-After", Long.toString(seconds));
            json(resp, 429, Map.of("error", "throttled", "message",
                    "too many failed logins, try again in " + seconds + " s", "retryAfterSec", seconds));
        } else {
            error(resp, 401, "bad_credentials", "wrong user name or password");
        }
    }

    private void setup(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        Map<String, Object> body = body(req);
        if (!console().throttle.retryAfter("#setup", req.getRemoteAddr()).isZero()) {
            error(resp, 429, "throttled", "too many wrong setup tokens");
            return;
        }
        try {
            console().setup(str(body, "token"), str(body, "user"), str(body, "password"), req.getRemoteAddr());
        } catch (IllegalStateException closed) {
            error(resp, 409, "setup_closed", closed.getMessage());
            return;
        } catch (SecurityException wrong) {
            error(resp, 403, "bad_setup_token", wrong.getMessage());
            return;
        } catch (IllegalArgumentException invalid) {
            error(resp, 400, "invalid_user", invalid.getMessage());
            return;
        }
        login(req, resp, str(body, "user"), str(body, "password"));
    }

    private void login(HttpServletRequest req, HttpServletResponse resp, String user, String password) throws IOException {
        if (console().login(user, password, req.getRemoteAddr()) instanceof LoginOutcome.Ok ok) {
            loggedIn(ok.session(), req, resp);
        } else {
            error(resp, 500, "login_after_setup", "user created but login failed");
        }
    }

    private void loggedIn(Session s, HttpServletRequest req, HttpServletResponse resp) throws IOException {
        resp.addHeader("Set-Cookie", Sessions.COOKIE + "=" + s.id + "; Path=/; HttpOnly; SameSite=Strict"
                + (req.isSecure() ? "; Secure" : ""));
        json(resp, 200, Map.of("user", s.principal.name(), "role", s.principal.role().wireName(), "csrf", s.csrf));
    }

    private Optional<Auth> authenticate(HttpServletRequest req) {
        String authz = req.getHeader("Authorization");
        if (authz != null) {
            // A presented but unknown token (the read-only pull token included) authenticates nobody.
            if (authz.regionMatches(true, 0, "Bearer ", 0, 7)) {
                return console().users.authenticateToken(authz.substring(7).trim()).map(p -> new Auth(p, null));
            }
            return Optional.empty();
        }
        Cookie[] cookies = req.getCookies();
        if (cookies == null) {
            return Optional.empty();
        }
        for (Cookie c : cookies) {
            if (Sessions.COOKIE.equals(c.getName())) {
                Optional<Session> s = console().sessions.find(c.getValue(), !"1".equals(req.getHeader(BACKGROUND_HEADER)));
                if (s.isPresent()) {
                    return Optional.of(new Auth(s.get().principal, s.get()));
                }
            }
        }
        return Optional.empty();
    }

    /** Bearer clients cannot be driven by another site's page, so only sessions need the token. */
    private static boolean csrfOk(Auth a, HttpServletRequest req) {
        return !a.viaSession() || a.session().csrfMatches(req.getHeader(CSRF_HEADER));
    }

    private static boolean requireRole(Auth a, Role role, HttpServletResponse resp) throws IOException {
        if (a.principal().role().atLeast(role)) {
            return true;
        }
        error(resp, 403, "forbidden", "needs the " + role.wireName() + " role");
        return false;
    }

    // ---- read-only views ------------------------------------------------------------------------

    private Map<String, Object> devices() {
        List<Object> out = new ArrayList<>();
        for (Device d : console().services.devices()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", d.id());
            m.put("kind", d.kind());
            m.put("lane", d.laneId());
            m.put("profile", d.profileId());
            m.put("endpoint", d.endpoint());
            try {
                var st = d.status();
                m.put("status", st.state().name());
                m.put("reason", st.reason());
                m.put("since", st.since().toString());
                m.put("lastSeen", d.lastSeen() == null ? null : d.lastSeen().toString());
                m.put("counters", d.counters());
            } catch (RuntimeException e) {
                m.put("status", "OFFLINE");
                m.put("reason", "status unavailable: " + e.getMessage());
            }
            out.add(m);
        }
        out.sort((x, y) -> String.valueOf(((Map<?, ?>) x).get("id")).compareTo(String.valueOf(((Map<?, ?>) y).get("id"))));
        return Map.of("devices", out);
    }

    private Map<String, Object> sync() {
        Map<String, Object> m = new LinkedHashMap<>();
        Optional<OutboxStats> stats = console().services.outbox().map(o -> o.stats());
        if (stats.isPresent()) {
            OutboxStats s = stats.get();
            Map<String, Object> o = new LinkedHashMap<>();
            o.put("epoch", s.epoch());
            o.put("lastSeq", s.lastSeq());
            o.put("pending", s.pending());
            o.put("oldestPendingAgeMs", s.oldestPendingAgeMs());
            o.put("lastAckSeq", s.lastAckSeq());
            o.put("degradedReason", s.degradedReason());
            m.put("outbox", o);
        } else {
            m.put("outbox", null);
        }
        console().services.centralLink().ifPresentOrElse(l -> {
            Map<String, Object> link = new LinkedHashMap<>();
            link.put("connected", l.connected());
            link.put("lastContact", l.lastContact() == null ? null : l.lastContact().toString());
            m.put("link", link);
        }, () -> m.put("link", null));
        m.put("auditPendingSync", console().pendingSync());
        return m;
    }

    private void events(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        var outbox = console().services.outbox();
        if (outbox.isEmpty()) {
            error(resp, 503, "no_outbox", "the event journal is not available");
            return;
        }
        EventSearch.Query q = new EventSearch.Query(req.getParameter("plate"), req.getParameter("container"),
                req.getParameter("declaration"), req.getParameter("type"), req.getParameter("lane"),
                time(req.getParameter("from")), time(req.getParameter("to")), intParam(req, "limit", 200));
        EventSearch.Result r = console().eventSearch.search(outbox.get(), q);
        List<Object> out = new ArrayList<>();
        for (GateEvent e : r.events()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("seq", e.seq());
            m.put("epoch", e.epoch());
            m.put("id", e.id());
            m.put("type", e.type().name());
            m.put("laneId", e.laneId());
            m.put("priority", e.priority().name());
            m.put("time", e.time().toString());
            m.put("payload", e.payload());
            out.add(m);
        }
        json(resp, 200, Map.of("events", out, "scanned", r.scanned(), "truncated", r.truncated()));
    }

    private Map<String, Object> stages() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("lanes", console().stats.percentiles());
        m.put("cycles", console().stats.cycles());
        m.put("outcomes", console().stats.outcomes());
        m.put("window", StageStats.WINDOW);
        return m;
    }

    private Map<String, Object> profiles() {
        Map<String, Object> m = new LinkedHashMap<>();
        var reg = console().services.profiles();
        if (reg.isEmpty()) {
            m.put("profiles", List.of());
            m.put("problems", List.of());
            m.put("available", false);
            return m;
        }
        List<Object> list = new ArrayList<>();
        for (DeviceProfile p : reg.get().profiles()) {
            Map<String, Object> pm = new LinkedHashMap<>();
            pm.put("id", p.id());
            pm.put("kind", p.kind());
            pm.put("vendor", p.vendor());
            pm.put("model", p.model());
            pm.put("driver", p.driver());
            pm.put("source", p.source());
            pm.put("body", p.body());
            list.add(pm);
        }
        list.sort((x, y) -> String.valueOf(((Map<?, ?>) x).get("id")).compareTo(String.valueOf(((Map<?, ?>) y).get("id"))));
        m.put("profiles", list);
        m.put("problems", reg.get().problems());
        m.put("available", true);
        return m;
    }

    private Map<String, Object> audit(int limit) {
        List<Object> out = new ArrayList<>();
        for (AuditTrail.Entry e : console().auditLatest(Math.max(1, Math.min(limit, 2000)))) {
            out.add(e.toMap());
        }
        return Map.of("entries", out, "size", console().audit.size());
    }

    private Map<String, Object> users() {
        List<Object> out = new ArrayList<>();
        for (UserStore.User u : console().users.list()) {
            out.add(Map.of("name", u.name(), "role", u.role().wireName(), "created", u.created(), "tokens",
                    u.tokens().stream().map(t -> Map.of("id", t.id(), "label", t.label(), "created", t.created())).toList()));
        }
        return Map.of("users", out);
    }

    private void createUser(Auth a, HttpServletRequest req, HttpServletResponse resp) throws IOException {
        Map<String, Object> body = body(req);
        Optional<Role> role = Role.parse(str(body, "role"));
        if (role.isEmpty()) {
            error(resp, 400, "bad_role", "role must be viewer, technician or supervisor");
            return;
        }
        try {
            console().users.create(str(body, "name"), str(body, "password"), role.get());
        } catch (IllegalArgumentException e) {
            error(resp, 400, "invalid_user", e.getMessage());
            return;
        }
        console().audit.append(a.principal().name(), "USER_CREATED", null,
                Map.of("name", str(body, "name"), "role", role.get().wireName()));
        json(resp, 201, Map.of("name", str(body, "name"), "role", role.get().wireName()));
    }

    private void createToken(Auth a, HttpServletRequest req, HttpServletResponse resp) throws IOException {
        Map<String, Object> body = body(req);
        String user = str(body, "user");
        String token;
        try {
            token = console().users.createToken(user, str(body, "label"));
        } catch (IllegalArgumentException e) {
            error(resp, 400, "invalid_user", e.getMessage());
            return;
        }
        console().audit.append(a.principal().name(), "API_TOKEN_CREATED", null,
                Map.of("for", user, "id", token.substring(0, 12), "label", String.valueOf(str(body, "label"))));
        json(resp, 201, Map.of("user", user, "token", token));
    }

    // ---- plumbing -------------------------------------------------------------------------------

    private Instant time(String s) {
        if (s == null || s.isBlank()) {
            return null;
        }
        try {
            return Instant.parse(s);
        } catch (DateTimeParseException notInstant) {
            try {
                return LocalDateTime.parse(s).atZone(console().settings.zone()).toInstant();
            } catch (DateTimeParseException e) {
                throw new BadRequest("bad_time", "time must be ISO-8601 (e.g. 2026-11-23T08:30), not " + s);
            }
        }
    }

    private static int intParam(HttpServletRequest req, String name, int dflt) {
        String v = req.getParameter(name);
        if (v == null || v.isBlank()) {
            return dflt;
        }
        try {
            return Integer.parseInt(v.trim());
        } catch (NumberFormatException e) {
            throw new BadRequest("bad_param", name + " must be a number, not " + v);
        }
    }

    private Map<String, Object> body(HttpServletRequest req) throws IOException {
        byte[] bytes = req.getInputStream().readNBytes(MAX_BODY + 1);
        if (bytes.length > MAX_BODY) {
            throw new BadRequest("too_large", "request body over " + MAX_BODY + " bytes");
        }
        if (bytes.length == 0) {
            return Map.of();
        }
        try {
            Map<String, Object> m = console().json.readValue(bytes, MAP);
            return m == null ? Map.of() : m;
        } catch (IOException e) {
            throw new BadRequest("bad_json", "request body is not a JSON object");
        }
    }

    private static String str(Map<String, Object> body, String key) {
        Object v = body.get(key);
        return v == null ? null : v.toString();
    }

    private void json(HttpServletResponse resp, int status, Object body) throws IOException {
        resp.setStatus(status);
        resp.setContentType("application/json");
        resp.setCharacterEncoding("UTF-8");
        resp.getOutputStream().write(console().write(body).getBytes(StandardCharsets.UTF_8));
    }

    private static void error(HttpServletResponse resp, int status, String code, String message) throws IOException {
        resp.setStatus(status);
        resp.setContentType("application/json");
        resp.setCharacterEncoding("UTF-8");
        String body = "{\"error\":\"" + code + "\",\"message\":" + quote(message) + "}";
        resp.getOutputStream().write(body.getBytes(StandardCharsets.UTF_8));
    }

    static String quote(String s) {
        StringBuilder b = new StringBuilder("\"");
        for (char ch : String.valueOf(s).toCharArray()) {
            switch (ch) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                default -> {
                    if (ch < 0x20) {
                        b.append(String.format("\\u%04x", (int) ch));
                    } else {
                        b.append(ch);
                    }
                }
            }
        }
        return b.append('"').toString();
    }

    private void staticFile(String name, HttpServletResponse resp) throws IOException {
        if (name.isEmpty() || name.contains("..") || name.startsWith("/") || name.contains("\\")) {
            error(resp, 404, "not_found", "no such file");
            return;
        }
        try (InputStream in = ConsoleServlet.class.getClassLoader().getResourceAsStream("console/static/" + name)) {
            if (in == null) {
                error(resp, 404, "not_found", "no such file " + name);
                return;
            }
            resp.setContentType(contentType(name));
            resp.setHeader("Cache-Control", name.equals("index.html") ? "no-store" : "no-cache");
            in.transferTo(resp.getOutputStream());
        }
    }

    private static String contentType(String name) {
        if (name.endsWith(".html")) {
            return "text/html; charset=utf-8";
        } else if (name.endsWith(".js")) {
            return "text/javascript; charset=utf-8";
        } else if (name.endsWith(".css")) {
            return "text/css; charset=utf-8";
        } else if (name.endsWith(".json")) {
            return "application/json; charset=utf-8";
        } else if (name.endsWith(".svg")) {
            return "image/svg+xml";
        } else if (name.endsWith(".png")) {
            return "image/png";
        }
        return "application/octet-stream";
    }

    static final class BadRequest extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final String code;

        BadRequest(String code, String message) {
            super(message);
            this.code = code;
        }
    }
}
