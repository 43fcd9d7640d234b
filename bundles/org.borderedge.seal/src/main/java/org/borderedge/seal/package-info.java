/**
 * The gateway's inventory of GPS electronic seals and their lifecycle: assigned to a declaration or
 * vehicle, applied, removed and returned at the destination gate, faulty until repaired.
 */
@Export
@Version("1.0.0")
package org.borderedge.seal;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
