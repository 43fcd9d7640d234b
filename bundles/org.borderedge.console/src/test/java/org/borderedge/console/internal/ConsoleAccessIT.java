package org.borderedge.console.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.Map;
import org.borderedge.console.ConsoleAccess;
import org.eclipse.jetty.ee11.servlet.ServletContextHandler;
import org.eclipse.jetty.ee11.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * ConsoleAccess as another bundle's servlet uses it: a session opened at the console's login counts,
 * a state change needs the CSRF token, the role is enforced, a bearer that is no console token is nobody.
 */
class ConsoleAccessIT {

    @TempDir
    Path dataDir;

    private ConsoleHarness harness;
    private Server probe;
    private String probeBase;

    /** Answers with the check's status, like the evidence and seal servlets do. */
    static final class Probe extends HttpServlet {
        private static final long serialVersionUID = 1L;
        private final transient ConsoleAccess access;

        Probe(ConsoleAccess access) {
            this.access = access;
        }

        @Override
        protected void service(HttpServletRequest req, HttpServletResponse resp) throws IOException {
            ConsoleAccess.Check c = access.check(req, req.getParameter("role"));
            resp.setStatus(c.status());
            resp.setContentType("application/json");
            resp.getWriter().write(Http.MAPPER.writeValueAsString(Map.of("user", c.user(), "role", c.role(), "message", c.message())));
        }
    }

    @BeforeEach
    void start() throws Exception {
        harness = new ConsoleHarness(dataDir, true);
        probe = new Server(new InetSocketAddress("127.0.0.1", 0));
        ServletContextHandler ctx = new ServletContextHandler("/");
        ctx.addServlet(new ServletHolder(new Probe(new ConsoleAccessComponent(() -> harness.console))), "/probe");
        probe.setHandler(ctx);
        probe.start();
        probeBase = "http://127.0.0.1:" + ((ServerConnector) probe.getConnectors()[0]).getLocalPort();
    }

    @AfterEach
    void stop() throws Exception {
        probe.stop();
        harness.close();
    }

    private Http session(String user, String password) throws Exception {
        Http console = new Http(harness.base);
        assertEquals(200, console.login(user, password).status());
        Http other = new Http(probeBase);
        other.cookie = console.cookie;
        other.csrf = console.csrf;
        return other;
    }

    @Test
    void theConsolesSessionsRolesAndCsrfRuleHoldForOtherBundlesServlets() throws Exception {
        Http anon = new Http(probeBase);
        assertEquals(401, anon.get("/probe?role=viewer").status());
        assertEquals(401, anon.get("/probe?role=viewer", "not-a-console-token").status());

        Http tech = session(ConsoleHarness.TECHNICIAN, ConsoleHarness.TECHNICIAN_PASSWORD);
        Http.Reply ok = tech.get("/probe?role=technician");
        assertEquals(200, ok.status());
        assertEquals("tech", ok.json().get("user").asText());
        assertEquals(403, tech.get("/probe?role=supervisor").status());
        assertEquals(403, tech.post("/probe?role=technician", Map.of(), false).status(), "state change without CSRF token");
        assertEquals(200, tech.post("/probe?role=technician", Map.of(), true).status());

        Http guard = session(ConsoleHarness.VIEWER, ConsoleHarness.VIEWER_PASSWORD);
        assertEquals(200, guard.get("/probe?role=viewer").status());
        assertEquals(403, guard.get("/probe?role=technician").status());
    }
}
