package org.borderedge.api.http.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.borderedge.outbox.Outbox;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletName;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletPattern;

/** GET /api/v1/events?after=SEQ&limit=N with the pull token: the central's read-only view of the journal. */
@Component(service = Servlet.class, configurationPid = "org.borderedge.api.http")
@Designate(ocd = PullApiConfig.class)
@HttpWhiteboardServletName("borderedge-events")
@HttpWhiteboardServletPattern("/api/v1/events")
public final class EventsServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final transient PullApi api;

    @Activate
    public EventsServlet(@Reference Outbox outbox, PullApiConfig config) {
        this.api = new PullApi(outbox, config.pullToken());
    }

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        PullApi.Answer a = api.events(req.getHeader("Authorization"), req.getParameter("after"), req.getParameter("limit"));
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
