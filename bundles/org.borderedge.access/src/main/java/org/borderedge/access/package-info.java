/** Agencies' read access to the gateway's journal: scoped, hashed, revocable pull tokens. */
@Export
@Version("1.1.0")
package org.borderedge.access;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
