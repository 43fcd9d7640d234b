package org.borderedge.transport.modbus.internal;

import org.borderedge.core.Ticker;
import org.borderedge.transport.modbus.ModbusLine;
import org.borderedge.transport.modbus.ModbusTransport;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;

/** The gateway's one Modbus transport: every driver gets its lines here, so devices on one bus share it. */
@Component(service = ModbusTransport.class)
public class ModbusTransportComponent implements ModbusTransport {

    private final LineRegistry registry = new LineRegistry(Ticker.system());

    @Override
    public ModbusLine line(String endpointUri) {
        return registry.line(endpointUri);
    }

    @Deactivate
    void deactivate() {
        registry.closeAll();
    }
}
