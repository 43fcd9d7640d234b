package org.borderedge.lane.internal;

import org.borderedge.core.CentralLink;
import org.borderedge.core.ReferenceData;
import org.borderedge.lane.ResidentLedger;

/** Where the engine reads the current reference data and link state; either may be absent (null). */
public interface ReferenceSource {

    ReferenceData data();

    CentralLink link();

    /** The resident purchase ledger for resident-trade lanes; null when there is none (residents are held). */
    default ResidentLedger residentLedger() {
        return null;
    }

    static ReferenceSource none() {
        return new ReferenceSource() {
            @Override
            public ReferenceData data() {
                return null;
            }

            @Override
            public CentralLink link() {
                return null;
            }
        };
    }
}
