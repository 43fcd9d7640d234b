package org.borderedge.access.internal;

import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.borderedge.access.Agency;
import org.borderedge.access.AgencyToken;
import org.borderedge.access.AgencyTokens;
import org.borderedge.access.IssuedToken;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;

/** The gateway's agency tokens in {@code ${borderedge.data.dir}/access/agency-tokens.json}. */
@Component(service = AgencyTokens.class)
public final class AgencyTokensComponent implements AgencyTokens {

    private final TokenStore store;

    @Activate
    public AgencyTokensComponent(BundleContext context) {
        String dir = context.getProperty("borderedge.data.dir");
        Path base = dir == null || dir.isBlank() ? context.getDataFile("access").toPath() : Path.of(dir, "access");
        store = new TokenStore(base.resolve("agency-tokens.json"), Clock.systemUTC());
    }

    @Override
    public Optional<AgencyToken> authenticate(String secret) {
        return store.authenticate(secret);
    }

    @Override
    public IssuedToken issue(Agency agency, String label, Set<String> eventTypes, Set<String> lanes, String issuedBy) {
        return store.issue(agency, label, eventTypes, lanes, issuedBy);
    }

    @Override
    public Optional<AgencyToken> revoke(String id, String revokedBy) {
        return store.revoke(id, revokedBy);
    }

    @Override
    public List<AgencyToken> list() {
        return store.list();
    }
}
