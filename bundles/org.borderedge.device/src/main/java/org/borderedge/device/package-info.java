/**
 * Device SPI. A device is an instance of a profile (device-profiles/) bound to an endpoint. It
 * reports ONLINE / OFFLINE / DEGRADED with a reason instead of throwing, delivers typed
 * observations to listeners and answers commands with a result. Drivers contribute a
 * {@link org.borderedge.device.DeviceHandlerFactory}; protocol code lives in transport bundles.
 */
@Export
@Version("1.1.0")
package org.borderedge.device;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
