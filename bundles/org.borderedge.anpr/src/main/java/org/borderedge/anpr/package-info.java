/** Reading plates and container numbers from images. */
@Export
@Version("1.0.0")
package org.borderedge.anpr;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
