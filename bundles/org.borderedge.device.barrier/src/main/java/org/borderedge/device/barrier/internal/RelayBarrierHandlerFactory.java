package org.borderedge.device.barrier.internal;

import org.borderedge.core.Ticker;
import org.borderedge.device.DeviceContext;
import org.borderedge.device.DeviceHandler;
import org.borderedge.device.DeviceHandlerFactory;
import org.borderedge.device.barrier.PollTiming;
import org.borderedge.transport.modbus.ModbusTransport;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** Driver {@value #DRIVER}: boom barriers behind Modbus relay boards. */
@Component(service = DeviceHandlerFactory.class, property = DeviceHandlerFactory.PROP_DRIVER + "=" + RelayBarrierHandlerFactory.DRIVER)
public class RelayBarrierHandlerFactory implements DeviceHandlerFactory {

    public static final String DRIVER = "modbus-relay-barrier";

    private final ModbusTransport transport;
    private final Ticker ticker;
    private final PollTiming timing;

    @Activate
    public RelayBarrierHandlerFactory(@Reference(name = "transport") ModbusTransport transport) {
        this(transport, Ticker.system(), PollTiming.NONE);
    }

    /** For plain Java (simulator benchmarks, tests): a transport, a ticker and who hears poll timing. */
    public RelayBarrierHandlerFactory(ModbusTransport transport, Ticker ticker, PollTiming timing) {
        this.transport = transport;
        this.ticker = ticker;
        this.timing = timing;
    }

    @Override
    public String driver() {
        return DRIVER;
    }

    @Override
    public DeviceHandler create(DeviceContext context) {
        return new RelayBarrierHandler(context, transport, ticker, timing);
    }
}
