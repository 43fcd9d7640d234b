package org.borderedge.console.internal;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.borderedge.access.Agency;
import org.borderedge.access.AgencyToken;
import org.borderedge.access.AgencyTokens;
import org.borderedge.access.IssuedToken;
import org.borderedge.console.internal.UserStore.Principal;

/**
 * Supervisors issue and revoke the agencies' pull tokens (console API /console/api/agency-tokens).
 * The servlet has already checked authentication, CSRF and the supervisor role. Every issue and
 * revocation goes into the hash-chained audit log; the secret appears only in the creation answer.
 */
final class AgencyTokenApi {

    /** Status and JSON body. */
    record Reply(int status, Object body) {
    }

    private final Console console;

    AgencyTokenApi(Console console) {
        this.console = console;
    }

    Reply handle(String method, String rest, Principal who, Map<String, Object> body) {
        Optional<AgencyTokens> service = console.services.agencyTokens();
        if (service.isEmpty()) {
            return error(503, "no_token_service", "the agency token service (bundle org.borderedge.access) is not running");
        }
        AgencyTokens tokens = service.get();
        if (rest.isEmpty() || rest.equals("/")) {
            return switch (method) {
                case "GET" -> new Reply(200, Map.of("tokens", tokens.list().stream().map(AgencyTokenApi::view).toList(),
                        "agencies", List.of("customs", "border-guard", "quarantine")));
                case "POST" -> issue(tokens, who, body);
                default -> error(405, "method", "use GET or POST");
            };
        }
        String[] parts = rest.substring(1).split("/");
        boolean revoke = (parts.length == 2 && parts[1].equals("revoke") && method.equals("POST"))
                || (parts.length == 1 && method.equals("DELETE"));
        if (!revoke) {
            return error(404, "not_found", "no such agency token API " + method + " " + rest);
        }
        Optional<AgencyToken> earlier = tokens.list().stream().filter(x -> x.id().equals(parts[0]) && !x.active()).findFirst();
        if (earlier.isPresent()) {
            // Already revoked: the first revocation stands and is the one in the audit.
            return new Reply(200, view(earlier.get()));
        }
        Optional<AgencyToken> t;
        try {
            t = tokens.revoke(parts[0], who.name());
        } catch (IllegalStateException e) {
            return error(500, "not_stored", e.getMessage());
        }
        if (t.isEmpty()) {
            return error(404, "no_token", "no agency token " + parts[0]);
        }
        console.audit.append(who.name(), "AGENCY_TOKEN_REVOKED", null, Map.of("id", t.get().id(),
                "agency", t.get().agency().wireName(), "label", t.get().label()));
        return new Reply(200, view(t.get()));
    }

    private Reply issue(AgencyTokens tokens, Principal who, Map<String, Object> body) {
        Optional<Agency> agency = Agency.parse(str(body.get("agency")));
        if (agency.isEmpty()) {
            return error(400, "bad_agency", "agency must be customs, border-guard or quarantine");
        }
        Set<String> types;
        Set<String> lanes;
        try {
            types = strings(body.get("eventTypes"), "eventTypes");
            lanes = strings(body.get("lanes"), "lanes");
        } catch (IllegalArgumentException e) {
            return error(400, "bad_scope", e.getMessage());
        }
        IssuedToken issued;
        try {
            issued = tokens.issue(agency.get(), str(body.get("label")), types, lanes, who.name());
        } catch (IllegalArgumentException e) {
            return error(400, "bad_scope", e.getMessage());
        } catch (IllegalStateException e) {
            return error(500, "not_stored", e.getMessage());
        }
        AgencyToken t = issued.token();
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("id", t.id());
        detail.put("agency", t.agency().wireName());
        detail.put("label", t.label());
        detail.put("eventTypes", List.copyOf(t.scope().eventTypes()));
        detail.put("lanes", List.copyOf(t.scope().lanes()));
        console.audit.append(who.name(), "AGENCY_TOKEN_CREATED", null, detail);
        Map<String, Object> out = new LinkedHashMap<>(view(t));
        out.put("token", issued.secret());
        out.put("note", "shown once: only its hash is kept");
        return new Reply(201, out);
    }

    static Map<String, Object> view(AgencyToken t) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", t.id());
        m.put("agency", t.agency().wireName());
        m.put("label", t.label());
        m.put("eventTypes", t.scope().eventTypes().stream().sorted().toList());
        m.put("lanes", t.scope().lanes().stream().sorted().toList());
        m.put("created", t.created().toString());
        m.put("createdBy", t.createdBy());
        m.put("active", t.active());
        m.put("revokedAt", t.revokedAt() == null ? null : t.revokedAt().toString());
        m.put("revokedBy", t.revokedBy());
        return m;
    }

    private static Set<String> strings(Object v, String name) {
        Set<String> out = new LinkedHashSet<>();
        if (v == null) {
            return out;
        }
        Collection<?> items;
        if (v instanceof Collection<?> c) {
            items = c;
        } else if (v instanceof String s) {
            items = s.isBlank() ? List.of() : List.of(s.split(","));
        } else {
            throw new IllegalArgumentException(name + " must be a list of strings");
        }
        for (Object o : new ArrayList<>(items)) {
            if (!(o instanceof String s)) {
                throw new IllegalArgumentException(name + " must be a list of strings");
            }
            if (!s.isBlank()) {
                out.add(s.strip());
            }
        }
        return out;
    }

    private static String str(Object o) {
        return o == null ? null : o.toString();
    }

    private static Reply error(int status, String code, String message) {
        return new Reply(status, Map.of("error", code, "message", message));
    }
}
