/**
 * Evidence media behind lane decisions: stored locally under a quota, referenced from events by id
 * and SHA-256, fetched by the central by reference.
 */
@Export
@Version("1.0.0")
package org.borderedge.evidence;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
