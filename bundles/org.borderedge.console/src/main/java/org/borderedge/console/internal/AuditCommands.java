package org.borderedge.console.internal;

import java.util.List;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * Gogo shell commands for whoever holds the gateway's shell (already the machine's administrator):
 * {@code console:auditverify}, {@code console:audit}, {@code console:setuptoken}, {@code console:users},
 * {@code console:adduser NAME ROLE PASSWORD}.
 */
@Component(service = AuditCommands.class, property = {"osgi.command.scope=console",
        "osgi.command.function=auditverify", "osgi.command.function=audit", "osgi.command.function=setuptoken",
        "osgi.command.function=users", "osgi.command.function=adduser"})
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

    public String adduser(String name, String role, String password) {
        Console c = runtime.console();
        Role r = Role.parse(role).orElse(null);
        if (r == null) {
            return "role must be viewer, technician or supervisor, not " + role;
        }
        try {
            c.users.create(name, password, r);
        } catch (IllegalArgumentException e) {
            return "refused: " + e.getMessage();
        }
        c.audit.append("", "USER_CREATED", null, java.util.Map.of("name", name, "role", r.wireName(), "via", "gogo shell"));
        return "created " + r.wireName() + " " + name;
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
