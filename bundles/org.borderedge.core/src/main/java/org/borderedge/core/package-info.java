/** The customs domain model shared by every BorderEdge bundle; no I/O, no framework types. */
@Export
@Version("1.0.0")
package org.borderedge.core;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
