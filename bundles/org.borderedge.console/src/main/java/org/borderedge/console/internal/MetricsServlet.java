package org.borderedge.console.internal;

import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import org.borderedge.console.LaneView;
import org.borderedge.device.Device;
import org.borderedge.device.DeviceState;
import org.borderedge.outbox.OutboxStats;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletName;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletPattern;

/**
 * Prometheus text exposition (format 0.0.4), written by hand: a dozen families do not justify a
 * client library. No authentication and nothing secret: ids, states and counts only.
 */
@Component(service = Servlet.class)
@HttpWhiteboardServletName("borderedge-metrics")
@HttpWhiteboardServletPattern("/metrics")
public class MetricsServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;
    private final transient ConsoleRuntime runtime;

    @Activate
    public MetricsServlet(@Reference ConsoleRuntime runtime) {
        this.runtime = runtime;
    }

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        resp.setContentType("text/plain; version=0.0.4; charset=utf-8");
        resp.setHeader("Cache-Control", "no-store");
        resp.getOutputStream().write(render(runtime.console()).getBytes(StandardCharsets.UTF_8));
    }

    static String render(Console c) {
        StringBuilder b = new StringBuilder(4096);
        StageStats stats = c.stats;

        family(b, "borderedge_lane_cycles_total", "counter", "Vehicle cycles completed per lane.");
        stats.cycles().forEach((lane, n) -> sample(b, "borderedge_lane_cycles_total", n, "lane", lane));

        family(b, "borderedge_lane_decisions_total", "counter", "Decisions per lane and outcome.");
        stats.outcomes().forEach((lane, byOutcome) -> byOutcome.forEach(
                (outcome, n) -> sample(b, "borderedge_lane_decisions_total", n, "lane", lane, "outcome", outcome)));

        family(b, "borderedge_lane_stage_duration_seconds", "histogram", "Time spent per lane stage.");
        stats.histograms().forEach((lane, byStage) -> byStage.forEach((stage, h) -> {
            for (int i = 0; i < StageStats.BOUNDS.length; i++) {
                sample(b, "borderedge_lane_stage_duration_seconds_bucket", h.cumulative()[i], "lane", lane, "stage", stage,
                        "le", number(StageStats.BOUNDS[i]));
            }
            sample(b, "borderedge_lane_stage_duration_seconds_bucket", h.count(), "lane", lane, "stage", stage, "le", "+Inf");
            sample(b, "borderedge_lane_stage_duration_seconds_sum", h.sumSeconds(), "lane", lane, "stage", stage);
            sample(b, "borderedge_lane_stage_duration_seconds_count", h.count(), "lane", lane, "stage", stage);
        }));

        family(b, "borderedge_lane_state", "gauge", "1 for the state each lane is in.");
        try {
            for (LaneView v : c.services.lanes().lanes()) {
                sample(b, "borderedge_lane_state", 1, "lane", v.id(), "type", v.type(), "state", v.state());
            }
        } catch (RuntimeException lanesUnavailable) {
            // Metrics must answer even while the lane engine restarts.
        }

        family(b, "borderedge_device_up", "gauge", "1 when the device is ONLINE, else 0.");
        family(b, "borderedge_device_status", "gauge", "1 for the status each device is in.");
        Instant now = c.clock.instant();
        StringBuilder seen = new StringBuilder();
        for (Device d : c.services.devices()) {
            DeviceState state;
            try {
                state = d.status().state();
            } catch (RuntimeException e) {
                state = DeviceState.OFFLINE;
            }
            sample(b, "borderedge_device_up", state == DeviceState.ONLINE ? 1 : 0, "device", d.id(), "kind", d.kind());
            sample(b, "borderedge_device_status", 1, "device", d.id(), "kind", d.kind(), "status", state.name());
            Instant last = d.lastSeen();
            if (last != null) {
                sample(seen, "borderedge_device_last_seen_age_seconds", Duration.between(last, now).toMillis() / 1000.0,
                        "device", d.id(), "kind", d.kind());
            }
        }
        family(b, "borderedge_device_last_seen_age_seconds", "gauge", "Seconds since the device last answered.");
        b.append(seen);

        c.services.outbox().ifPresent(o -> {
            OutboxStats s;
            try {
                s = o.stats();
            } catch (RuntimeException e) {
                return;
            }
            gauge(b, "borderedge_outbox_pending", "Events not yet acknowledged by the central.", s.pending());
            gauge(b, "borderedge_outbox_oldest_pending_age_seconds", "Age of the oldest unacknowledged event.",
                    s.oldestPendingAgeMs() / 1000.0);
            gauge(b, "borderedge_outbox_last_seq", "Last journalled sequence number.", s.lastSeq());
            gauge(b, "borderedge_outbox_degraded", "1 when the journal reports a degraded state.", s.degraded() ? 1 : 0);
            gauge(b, "borderedge_sync_lag_events", "Journalled but not acknowledged (last seq - last ack seq).",
                    Math.max(0, s.lastSeq() - s.lastAckSeq()));
        });
        c.services.centralLink().ifPresent(l -> {
            gauge(b, "borderedge_sync_connected", "1 while the link to the central is up.", l.connected() ? 1 : 0);
            if (l.lastContact() != null) {
                gauge(b, "borderedge_sync_last_contact_age_seconds", "Seconds since the central was last heard.",
                        Duration.between(l.lastContact(), now).toMillis() / 1000.0);
            }
        });

        family(b, "borderedge_console_login_failures_total", "counter", "Refused or throttled console logins.");
        sample(b, "borderedge_console_login_failures_total", c.loginFailures.get());
        gauge(b, "borderedge_console_sessions", "Live console sessions.", c.sessions.active());
        gauge(b, "borderedge_console_audit_entries", "Entries in the audit chain.", c.audit.size());
        gauge(b, "borderedge_console_audit_unsynced", "Audit events waiting for the outbox.", c.pendingSync());
        return b.toString();
    }

    private static void family(StringBuilder b, String name, String type, String help) {
        b.append("# HELP ").append(name).append(' ').append(help).append('\n');
        b.append("# TYPE ").append(name).append(' ').append(type).append('\n');
    }

    private static void gauge(StringBuilder b, String name, String help, double value) {
        family(b, name, "gauge", help);
        sample(b, name, value);
    }

    static void sample(StringBuilder b, String name, double value, String... labels) {
        b.append(name);
        if (labels.length > 0) {
            b.append('{');
            for (int i = 0; i < labels.length; i += 2) {
                if (i > 0) {
                    b.append(',');
                }
                b.append(labels[i]).append("=\"").append(escape(labels[i + 1])).append('"');
            }
            b.append('}');
        }
        b.append(' ').append(number(value)).append('\n');
    }

    static String number(double v) {
        return v == Math.rint(v) && !Double.isInfinite(v) && Math.abs(v) < 1e15 ? Long.toString((long) v)
                : Double.toString(v);
    }

    static String escape(String s) {
        return s == null ? "" : s.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
    }
}
