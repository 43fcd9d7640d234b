/**
 * The outbox: every event the gateway decides is appended here, durably, before it counts as done.
 * Sync (MQTT uplink) and the HTTP pull API only read and drain it.
 */
@Export
@Version("1.1.0")
package org.borderedge.outbox;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
