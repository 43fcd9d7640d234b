package org.borderedge.camera.internal;

import jakarta.servlet.Servlet;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.Part;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletMultipart;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletName;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletPattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Receives ISAPI-style pushes: a multipart POST with the EventNotificationAlert XML part
 * ({@code anpr.xml}) and the pictures ({@code licensePlatePicture.jpg}, {@code detectionPicture.jpg}),
 * or a bare XML body. It always answers 200: a camera does not resend an event that was refused,
 * and a refusal must tell a forger nothing. The one exception is the Digest handshake: a push
 * without Authorization from the address of a camera configured for Digest gets the 401 challenge.
 * What happened is counted and logged by the
 * {@link PushRouter}. Bodies are bounded: {@link #MAX_PART_BYTES} per part, {@link #MAX_REQUEST_BYTES}
 * per request, {@link #MAX_PARTS} parts.
 */
@Component(service = Servlet.class)
@HttpWhiteboardServletPattern(IsapiPushServlet.PATH)
@HttpWhiteboardServletName("borderedge-isapi-push")
@HttpWhiteboardServletMultipart(enabled = true, fileSizeThreshold = IsapiPushServlet.IN_MEMORY_BYTES,
        maxFileSize = IsapiPushServlet.MAX_PART_BYTES, maxRequestSize = IsapiPushServlet.MAX_REQUEST_BYTES)
public class IsapiPushServlet extends HttpServlet {

    public static final String PATH = "/isapi/anpr";
    public static final int IN_MEMORY_BYTES = 512 * 1024;
    public static final long MAX_PART_BYTES = 4L * 1024 * 1024;
    public static final long MAX_REQUEST_BYTES = 10L * 1024 * 1024;
    static final int MAX_PARTS = 8;

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(IsapiPushServlet.class);
    private static final byte[] OK = ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
            + "<ResponseStatus><statusCode>1</statusCode><statusString>OK</statusString></ResponseStatus>\n")
            .getBytes(StandardCharsets.UTF_8);

    private transient PushRouter router;
    private final LongAdder failures = new LongAdder();

    @Activate
    public IsapiPushServlet(@Reference PushRouter router) {
        this.router = router;
    }

    /** Failures of the receiver itself (a bug, not a bad push); pushes are counted by the router. */
    long failures() {
        return failures.sum();
    }

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        boolean bodyLeftUnread = true;
        try {
            PushRequest push = read(request);
            bodyLeftUnread = push.bodyProblem() != null;
            PushOutcome outcome = router.route(push);
            if (outcome == PushOutcome.CHALLENGED || outcome == PushOutcome.CHALLENGED_STALE) {
                // Digest needs one round trip: this 401 is the handshake, not a refusal; the camera answers it at once.
                response.setHeader("WWW-Authenticate", router.challenge(outcome));
                response.sendError(HttpServletResponse.SC_UNAUTHORIZED);
                return;
            }
        } catch (RuntimeException e) {
            failures.increment();
            LOG.error("Push from {} could not be handled", request.getRemoteAddr(), e);
        }
        if (bodyLeftUnread) {
            // Part of a bad body may still be in flight: closing is cleaner than reusing a connection in an unknown state.
            response.setHeader("Connection", "close");
        }
        response.setStatus(HttpServletResponse.SC_OK);
        response.setContentType("application/xml");
        response.setContentLength(OK.length);
        response.getOutputStream().write(OK);
    }

    private static PushRequest read(HttpServletRequest request) {
        String address = request.getRemoteAddr();
        String authorization = request.getHeader("Authorization");
        String uri = request.getRequestURI() + (request.getQueryString() == null ? "" : "?" + request.getQueryString());
        String contentType = request.getContentType() == null ? "" : request.getContentType().toLowerCase(Locale.ROOT);
        try {
            if (contentType.startsWith("multipart/")) {
                return readMultipart(request, address, uri, authorization);
            }
            if (contentType.contains("xml")) {
                long length = request.getContentLengthLong();
                if (length > IsapiAlertParser.MAX_XML_BYTES) {
                    return problem(request, authorization, "XML body of " + length + " bytes is too large");
                }
                try (InputStream in = request.getInputStream()) {
                    byte[] xml = in.readNBytes(IsapiAlertParser.MAX_XML_BYTES + 1);
                    return new PushRequest(address, request.getMethod(), uri, authorization, xml, Map.of(), null);
                }
            }
            return problem(request, authorization, "unsupported Content-Type '" + request.getContentType()
                    + "': expected multipart/form-data or XML");
        } catch (IOException | ServletException | IllegalStateException e) {
            return problem(request, authorization, "multipart body unreadable: " + e.getMessage());
        }
    }

    private static PushRequest readMultipart(HttpServletRequest request, String address, String uri, String authorization)
            throws IOException, ServletException {
        Collection<Part> parts = request.getParts();
        if (parts.size() > MAX_PARTS) {
            return problem(request, authorization, "push has " + parts.size() + " parts, at most " + MAX_PARTS + " are read");
        }
        byte[] xml = null;
        Map<String, byte[]> pictures = new LinkedHashMap<>();
        for (Part part : parts) {
            String name = part.getName() == null ? "" : part.getName();
            String fileName = part.getSubmittedFileName() == null ? "" : part.getSubmittedFileName();
            String type = part.getContentType() == null ? "" : part.getContentType().toLowerCase(Locale.ROOT);
            byte[] content;
            try (InputStream in = part.getInputStream()) {
                content = in.readNBytes((int) MAX_PART_BYTES + 1);
            }
            if (content.length > MAX_PART_BYTES) {
                return problem(request, authorization, "part '" + name + "' is larger than " + MAX_PART_BYTES + " bytes");
            }
            boolean isXml = type.contains("xml") || name.toLowerCase(Locale.ROOT).endsWith(".xml")
                    || fileName.toLowerCase(Locale.ROOT).endsWith(".xml");
            if (isXml) {
                if (xml != null) {
                    return problem(request, authorization, "push has more than one XML part");
                }
                xml = content;
            } else {
                pictures.put(name.isEmpty() ? fileName : name, content);
            }
            part.delete();
        }
        return new PushRequest(address, request.getMethod(), uri, authorization, xml, pictures, null);
    }

    private static PushRequest problem(HttpServletRequest request, String authorization, String problem) {
        String uri = request.getRequestURI() + (request.getQueryString() == null ? "" : "?" + request.getQueryString());
        return new PushRequest(request.getRemoteAddr(), request.getMethod(), uri, authorization, null, Map.of(), problem);
    }
}
