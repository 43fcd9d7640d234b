package org.borderedge.api.http.internal;

import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletName;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletPattern;

/**
 * The default servlet: the bare address a technician types leads to the console; any other
 * unknown path is a JSON 404 naming it, not a Jetty error page.
 */
@Component(service = Servlet.class)
@HttpWhiteboardServletName("borderedge-root")
@HttpWhiteboardServletPattern("/")
public class RootServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Override
    protected void service(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        String path = req.getRequestURI();
        if (("/".equals(path) || path.isEmpty()) && "GET".equals(req.getMethod())) {
            resp.sendRedirect("/console/");
            return;
        }
        resp.setStatus(HttpServletResponse.SC_NOT_FOUND);
        resp.setContentType("application/json");
        resp.setCharacterEncoding("UTF-8");
        String safe = path.replaceAll("[^A-Za-z0-9/._~-]", "?");
        resp.getWriter().write("{\"error\":\"not-found\",\"message\":\"no resource at " + safe + "\"}");
    }
}
