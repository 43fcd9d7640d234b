package org.borderedge.lane.internal;

import org.borderedge.core.CentralLink;
import org.borderedge.core.ReferenceData;

/** Where the engine reads the current reference data and link state; either may be absent (null). */
public interface ReferenceSource {

    ReferenceData data();

    CentralLink link();

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
