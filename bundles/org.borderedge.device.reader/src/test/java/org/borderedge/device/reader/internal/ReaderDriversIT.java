package org.borderedge.device.reader.internal;

import static org.junit.jupiter.api.Assertions.*;

import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.borderedge.core.Ticker;
import org.borderedge.device.DeviceState;
import org.borderedge.device.Observation;
import org.borderedge.testing.RecordingDevice;
import org.borderedge.testing.ShippedProfiles;
import org.borderedge.testing.SocatPair;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReaderDriversIT {

    @Test
    void qrReaderOnAPtyReportsDeclarationsOnceAndCountsGarbage(@TempDir Path dir) throws Exception {
        try (SocatPair pair = new SocatPair(dir.resolve("gw"), dir.resolve("reader")).start()) {
            RecordingDevice ctx = new RecordingDevice(ShippedProfiles.get("qr-reader/generic-serialqr"), "serial://" + pair.a,
                    Map.of("repeatWindowMs", 2000, "reconnectMaxMs", 200));
            QrReaderHandler handler = new QrReaderHandler(ctx, Ticker.system());
            handler.initialize();
            try (OutputStream reader = Files.newOutputStream(pair.b)) {
                ctx.awaitStatus(s -> s.state() == DeviceState.ONLINE, 5);
                reader.write("\u00ff\u00fe\u0001\r".getBytes(StandardCharsets.ISO_8859_1));
                reader.write("BEQR1|DECL=305123456789|PLATE=51F67890\r".getBytes(StandardCharsets.UTF_8));
                reader.write("BEQR1|DECL=305123456789|PLATE=51F67890\r".getBytes(StandardCharsets.UTF_8));
                reader.write("305000000042\r\n".getBytes(StandardCharsets.UTF_8));
                reader.flush();
                Observation.QrObserved first = (Observation.QrObserved) ctx.await(o -> o instanceof Observation.QrObserved, 5);
                assertEquals("305123456789", first.declarationId());
                Observation.QrObserved second = (Observation.QrObserved) ctx.await(o -> o instanceof Observation.QrObserved, 5);
                assertEquals("305000000042", second.declarationId(), "the repeated code was reported once");
                assertEquals(1, ctx.counter("repeats"));
                assertEquals(1, ctx.counter("garbage"));
            } finally {
                handler.dispose();
            }
        }
    }

    @Test
    void esealReaderOverTcpFollowsTheConnection() throws Exception {
        try (ServerSocket server = new ServerSocket(0)) {
            RecordingDevice ctx = new RecordingDevice(ShippedProfiles.get("eseal-reader/generic-json"),
                    "tcp://127.0.0.1:" + server.getLocalPort(), Map.of("reconnectMinMs", 50, "reconnectMaxMs", 200));
            ESealReaderHandler handler = new ESealReaderHandler(ctx, Ticker.system());
            handler.initialize();
            try {
                try (Socket reader = server.accept()) {
                    ctx.awaitStatus(s -> s.state() == DeviceState.ONLINE, 5);
                    OutputStream out = reader.getOutputStream();
                    out.write("{\"sealId\":\"VNSEAL-0007\",\"lock\":\"TAMPERED\",\"battery\":55}\n".getBytes(StandardCharsets.UTF_8));
                    out.flush();
                    Observation.SealObserved s = (Observation.SealObserved) ctx.await(o -> o instanceof Observation.SealObserved, 5);
                    assertEquals(Observation.SealLock.TAMPERED, s.lock());
                }
                assertTrue(ctx.awaitStatus(s -> s.state() == DeviceState.OFFLINE, 5).reason().contains("tcp 127.0.0.1:" + server.getLocalPort()));
                try (Socket again = server.accept()) {
                    ctx.awaitStatus(s -> s.state() == DeviceState.ONLINE, 5);
                }
            } finally {
                handler.dispose();
            }
        }
    }
}
