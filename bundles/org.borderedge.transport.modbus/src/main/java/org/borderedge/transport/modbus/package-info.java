/**
 * Modbus master API. {@link org.borderedge.transport.modbus.ModbusTransport#line(String)} hands out
 * the one shared line of an endpoint (a TCP connection or an RS-485 port): devices on the same line
 * share it and their requests are serialised. Every request comes back as a
 * {@link org.borderedge.transport.modbus.ModbusResult} carrying its status; nothing throws on a
 * field fault.
 */
@Export
@Version("1.0.0")
package org.borderedge.transport.modbus;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
