package org.borderedge.lane.internal;

import java.util.Map;

/**
 * What a resident-trade decision knows about the resident: the code read (or why none could be
 * used), the quota in force and what the ledger says was already purchased in the period.
 *
 * @param pass the resident code, or null
 * @param passProblem why there is no usable code (none shown, malformed), empty when there is one
 * @param quotaSource "lane" or "central" (rule parameters override the lane's configuration)
 * @param usedVnd already purchased in the period, or null when the ledger could not be read
 * @param ledgerProblem why the ledger could not be read, empty otherwise
 */
public record ResidentCheck(ResidentPass pass, String passProblem, long quotaVnd, QuotaPeriod period, String periodKey,
        String quotaSource, Long usedVnd, String ledgerProblem) {

    public static final String PARAM_QUOTA = "resident.quota.vnd";
    public static final String PARAM_PERIOD = "resident.quota.period";

    /** The quota and period in force: the central's rule parameters when valid, else the lane's configuration. */
    static Quota quota(LaneConfig cfg, Map<String, String> params) {
        long quota = cfg.residentQuotaVnd;
        QuotaPeriod period = cfg.residentQuotaPeriod;
        String source = "lane";
        String q = params == null ? null : params.get(PARAM_QUOTA);
        if (q != null) {
            try {
                long v = Long.parseLong(q.strip());
                if (v >= 0) {
                    quota = v;
                    source = "central";
                }
            } catch (NumberFormatException ignored) {
                // a malformed central parameter leaves the lane's own quota in force
            }
        }
        String p = params == null ? null : params.get(PARAM_PERIOD);
        if (p != null && QuotaPeriod.parse(p).isPresent()) {
            period = QuotaPeriod.parse(p).get();
            source = "central";
        }
        return new Quota(quota, period, source);
    }

    record Quota(long vnd, QuotaPeriod period, String source) {
    }
}
