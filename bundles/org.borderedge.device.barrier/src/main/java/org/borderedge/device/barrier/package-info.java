/**
 * Boom barriers behind Modbus relay boards. {@link org.borderedge.device.barrier.RelayBoardMap} is
 * the profile's relay/input map with the site's wiring applied; the simulator builds its boards
 * from the same map, so driver and simulator cannot disagree on addresses.
 */
@Export
@Version("1.0.0")
package org.borderedge.device.barrier;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
