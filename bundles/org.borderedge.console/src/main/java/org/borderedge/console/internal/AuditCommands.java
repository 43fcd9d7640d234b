package org.borderedge.console.internal;

import java.util.List;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** Gogo shell commands for the gateway operator: {@code console:auditverify}, {@code console:audit}, {@code console:setuptoken}, {@code console:users}. */
@Component(service = AuditCommands.class, property = {"osgi.command.scope=console",
        "osgi.command.function=auditverify", "osgi.command.function=audit", "osgi.command.function=setuptoken",
        "osgi.command.function=users"})
public class AuditCommands {

    @Reference
    private ConsoleRuntime runtime;

    public String auditverify() {
        AuditTrail.Verification v = runtime.console().audit.verify();
        return v.ok() ? "audit chain OK: " + v.entries() + " entries"
                : "audit chain BROKEN at entry " + v.firstBadSeq() + ": " + v.problem();
    }

    public String audit() {
        StringBuilder b = new StringBuilder();
        List<AuditTrail.Entry> entries = runtime.console().auditLatest(20);
        for (AuditTrail.Entry e : entries) {
            b.append(e.seq()).append(' ').append(e.time()).append(' ').append(e.user()).append(' ').append(e.action())
                    .append(e.lane() == null || e.lane().isEmpty() ? "" : " lane=" + e.lane()).append(' ')
                    .append(e.detail()).append('\n');
        }
        return b.toString();
    }

    public String setuptoken() {
        return runtime.console().setupToken().map(t -> "one-time setup token: " + t)
                .orElse("setup is closed: a user already exists");
    }

    public String users() {
        StringBuilder b = new StringBuilder();
        for (UserStore.User u : runtime.console().users.list()) {
            b.append(u.name()).append(' ').append(u.role().wireName()).append(" tokens=").append(u.tokens().size())
                    .append('\n');
        }
        return b.toString();
    }
}
