package org.borderedge.api.http.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.borderedge.access.AgencyTokens;
import org.borderedge.outbox.Outbox;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletName;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletPattern;

/**
 * GET /api/v1/events?after=SEQ&limit=N[&lane=ID][&type=T1,T2] with the pull token or an agency token:
 * the read-only view of the journal, limited to the token's scope; every pull audited (see {@link PullAudit}).
 */
@Component(service = Servlet.class, configurationPid = "org.borderedge.api.http")
@Designate(ocd = PullApiConfig.class)
@HttpWhiteboardServletName("borderedge-events")
@HttpWhiteboardServletPattern("/api/v1/events")
public final class EventsServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final transient PullApi api;
    private final transient PullAudit audit;
    private final transient ScheduledExecutorService auditTimer;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    private volatile AgencyTokens agencyTokens;

    @Activate
    public EventsServlet(@Reference Outbox outbox, PullApiConfig config) {
        this.audit = new PullAudit(() -> outbox, Clock.systemUTC(), Duration.ofSeconds(Math.max(1, config.auditWindowSeconds())));
        this.api = new PullApi(outbox, config.pullToken(), () -> agencyTokens, audit);
        // Closes audit windows of principals that stopped pulling.
        auditTimer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "pull-audit");
            t.setDaemon(true);
            return t;
        });
        auditTimer.scheduleWithFixedDelay(audit::flushDue, 30, 30, TimeUnit.SECONDS);
    }

    @Deactivate
    void deactivate() {
        auditTimer.shutdownNow();
        audit.flushAll();
    }

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        PullApi.Answer a = api.events(req.getHeader("Authorization"), req.getParameter("after"), req.getParameter("limit"),
                req.getParameter("lane"), req.getParameter("type"));
        resp.setStatus(a.status());
        if (a.status() == 401) {
            resp.setHeader("WWW-Authenticate", "Bearer realm=\"borderedge-pull\"");
        }
        resp.setContentType("application/json");
        resp.setCharacterEncoding("UTF-8");
        resp.setHeader("Cache-Control", "no-store");
        JSON.writeValue(resp.getOutputStream(), a.body());
    }
}
