/**
 * The seam between the technician console and the lane engine: what the console shows of a lane,
 * the manual actions it asks for, and the live feed it listens to. The lane engine (or a small
 * adapter over its Lane service) registers one {@link org.borderedge.console.LaneConsoleSource}.
 */
@Export
@Version("1.2.0")
package org.borderedge.console;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
