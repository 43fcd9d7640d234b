/** Lanes as the rest of the gateway sees them: identity, type, state, current vehicle, manual actions. */
@Export
@Version("1.1.0")
package org.borderedge.lane;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
