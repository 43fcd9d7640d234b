package org.borderedge.sim.serial;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Path;
import java.util.Map;
import org.borderedge.device.DeviceHandler;
import org.borderedge.device.DeviceState;
import org.borderedge.device.DeviceStatus;
import org.borderedge.device.Observation;
import org.borderedge.device.reader.internal.ReaderHandlerFactories;
import org.borderedge.testing.RecordingDevice;
import org.borderedge.testing.ShippedProfiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The QR and e-seal reader drivers against their simulators, over a pty pair and over TCP. */
class ReaderSimulatorIT {

    private static final Map<String, Object> FAST = Map.of("reconnectMinMs", 50, "reconnectMaxMs", 300);

    @Test
    void qrReaderOnAPtyPair(@TempDir Path dir) throws Exception {
        try (PtyPair pair = PtyPair.open(dir, "qr"); QrReaderSimulator qr = new QrReaderSimulator(SerialDevicePort.of(pair))) {
            RecordingDevice ctx = new RecordingDevice(ShippedProfiles.get(QrReaderSimulator.PROFILE_ID), pair.gatewayEndpoint(), FAST);
            DeviceHandler driver = new ReaderHandlerFactories.QrReader().create(ctx);
            driver.initialize();
            try {
                ctx.awaitStatus(DeviceStatus::isOnline, 10);
                assertTrue(qr.presentGarbage());
                assertTrue(qr.presentDeclaration("305123456789", "51F67890", "CSQU3054383"));
                Observation.QrObserved read = (Observation.QrObserved) ctx.await(o -> o instanceof Observation.QrObserved, 5);
                assertEquals("305123456789", read.declarationId());
                assertEquals("BEQR1|DECL=305123456789|PLATE=51F67890|CONT=CSQU3054383", read.payload());
                assertEquals(1, ctx.counter("garbage"));

                pair.stop();
                ctx.awaitStatus(s -> s.state() == DeviceState.OFFLINE, 10);
                pair.start();
                ctx.awaitStatus(DeviceStatus::isOnline, 10);
                assertTrue(qr.present("305000000042") || retry(qr));
                assertEquals("305000000042", ((Observation.QrObserved) ctx.await(o -> o instanceof Observation.QrObserved, 5)).declarationId());
            } finally {
                driver.dispose();
            }
        }
    }

    /** The simulator reopens its end of the pair on its own schedule; give it a moment. */
    private static boolean retry(QrReaderSimulator qr) throws InterruptedException {
        for (int i = 0; i < 50; i++) {
            Thread.sleep(50);
            if (qr.present("305000000042")) {
                return true;
            }
        }
        return false;
    }

    @Test
    void esealReaderLinesOnAPtyAndJsonOverTcp(@TempDir Path dir) throws Exception {
        try (PtyPair pair = PtyPair.open(dir, "seal");
                ESealSimulator line = new ESealSimulator(SerialDevicePort.of(pair), ESealSimulator.Format.LINE);
                ESealSimulator json = new ESealSimulator(new TcpDevicePort(0), ESealSimulator.Format.JSON)) {
            RecordingDevice lineCtx = new RecordingDevice(ShippedProfiles.get(line.profileId()), pair.gatewayEndpoint(), FAST);
            RecordingDevice jsonCtx = new RecordingDevice(ShippedProfiles.get(json.profileId()), json.port().gatewayEndpoint(), FAST);
            DeviceHandler lineDriver = new ReaderHandlerFactories.ESealReader().create(lineCtx);
            DeviceHandler jsonDriver = new ReaderHandlerFactories.ESealReader().create(jsonCtx);
            lineDriver.initialize();
            jsonDriver.initialize();
            try {
                lineCtx.awaitStatus(DeviceStatus::isOnline, 10);
                jsonCtx.awaitStatus(DeviceStatus::isOnline, 10);
                assertTrue(line.present("VNSEAL-0001", ESealSimulator.Lock.LOCKED, 87, 21.8537, 106.7615));
                Observation.SealObserved a = (Observation.SealObserved) lineCtx.await(o -> o instanceof Observation.SealObserved, 5);
                assertEquals("VNSEAL-0001", a.sealId());
                assertEquals(Observation.SealLock.LOCKED, a.lock());
                assertEquals(87, a.batteryPct());
                assertEquals(21.8537, a.latitude(), 1e-6);

                assertTrue(json.present("VNSEAL-0002", ESealSimulator.Lock.TAMPERED, 15, null, null));
                Observation.SealObserved b = (Observation.SealObserved) jsonCtx.await(o -> o instanceof Observation.SealObserved, 5);
                assertEquals(Observation.SealLock.TAMPERED, b.lock());
                assertNull(b.latitude());
            } finally {
                lineDriver.dispose();
                jsonDriver.dispose();
            }
        }
    }
}
