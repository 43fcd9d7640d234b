/**
 * Byte links to field devices: a serial port ({@code serial:///dev/ttyUSB0?baud=9600}) or a TCP
 * socket ({@code tcp://host:port}, for serial-device servers and TCP readers), cut into frames by a
 * {@link org.borderedge.transport.serial.FrameSpec} taken from a device profile. A link reconnects by
 * itself with backoff and reports connect / disconnect with a reason; it never throws at its user.
 */
@Export
@Version("1.0.0")
package org.borderedge.transport.serial;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
