package org.borderedge.access.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Set;
import org.borderedge.access.AccessScope;
import org.borderedge.access.Agency;
import org.borderedge.access.IssuedToken;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TokenStoreTest {

    @TempDir
    Path dir;

    final Clock clock = Clock.fixed(Instant.parse("2026-11-23T08:00:00Z"), ZoneOffset.UTC);

    @Test
    void aTokenIsStoredHashedAuthenticatesWithItsScopeAndSurvivesARestart() throws Exception {
        Path file = dir.resolve("access/agency-tokens.json");
        TokenStore store = new TokenStore(file, clock);
        IssuedToken bg = store.issue(Agency.BORDER_GUARD, "Don bien phong Huu Nghi", Set.of("vehicle_arrived", "DECISION"),
                Set.of("L1"), "sup1");
        assertTrue(bg.secret().startsWith("bep_"));
        assertEquals(new AccessScope(Set.of("VEHICLE_ARRIVED", "DECISION"), Set.of("L1")), bg.token().scope());

        String content = Files.readString(file);
        assertFalse(content.contains(bg.secret()), "the secret is never written");
        assertFalse(content.contains(bg.secret().substring(4, 20)), "not even part of it");
        assertTrue(content.contains(TokenStore.sha256(bg.secret())));

        TokenStore reopened = new TokenStore(file, clock);
        assertEquals(bg.token(), reopened.authenticate(bg.secret()).orElseThrow());
        assertTrue(reopened.authenticate(bg.secret() + "x").isEmpty());
        assertTrue(reopened.authenticate("bet_" + bg.secret().substring(4)).isEmpty());
        assertTrue(reopened.authenticate(null).isEmpty());
    }

    @Test
    void aRevokedTokenIsDeadAlsoAfterARestart() {
        Path file = dir.resolve("tokens.json");
        TokenStore store = new TokenStore(file, clock);
        IssuedToken q = store.issue(Agency.QUARANTINE, "", Set.of(), Set.of(), "sup1");
        IssuedToken keep = store.issue(Agency.CUSTOMS, "", Set.of(), Set.of(), "sup1");
        assertEquals("sup2", store.revoke(q.token().id(), "sup2").orElseThrow().revokedBy());
        assertEquals("sup2", store.revoke(q.token().id(), "sup3").orElseThrow().revokedBy(), "first revocation kept");
        assertTrue(store.revoke("agt-nope", "sup2").isEmpty());
        assertTrue(store.authenticate(q.secret()).isEmpty());

        TokenStore reopened = new TokenStore(file, clock);
        assertTrue(reopened.authenticate(q.secret()).isEmpty());
        assertTrue(reopened.authenticate(keep.secret()).isPresent());
        assertEquals(2, reopened.list().size());
        assertFalse(reopened.list().get(0).active());
    }

    @Test
    void badScopesAreRefusedNamingWhatIsWrong() {
        TokenStore store = new TokenStore(dir.resolve("t.json"), clock);
        assertEquals("unknown event type 'PARKING'",
                assertThrows(IllegalArgumentException.class, () -> store.issue(Agency.BORDER_GUARD, "", Set.of("PARKING"), Set.of(), "s")).getMessage());
        assertThrows(IllegalArgumentException.class, () -> store.issue(Agency.BORDER_GUARD, "", Set.of(), Set.of("L 1"), "s"));
        assertThrows(IllegalArgumentException.class, () -> store.issue(null, "", Set.of(), Set.of(), "s"));
        assertTrue(store.list().isEmpty());
    }

    @Test
    void aScopeLimitedToLanesDoesNotSeeLanelessEvents() {
        AccessScope s = new AccessScope(Set.of(), Set.of("L1"));
        assertTrue(s.allows("DECISION", "L1"));
        assertFalse(s.allows("DECISION", "L2"));
        assertFalse(s.allows("AUDIT", null));
        assertTrue(AccessScope.ALL.allows("AUDIT", null));
        assertEquals(Agency.BORDER_GUARD, Agency.parse("BORDER_GUARD").orElseThrow());
        assertEquals(Agency.BORDER_GUARD, Agency.parse("border-guard").orElseThrow());
    }
}
