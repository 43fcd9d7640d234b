package org.borderedge.transport.serial;

import static org.junit.jupiter.api.Assertions.*;

import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.borderedge.testing.SocatPair;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SerialLinkIT {

    static final class Recorder implements LinkListener {
        final BlockingQueue<String> frames = new LinkedBlockingQueue<>();
        final BlockingQueue<String> events = new LinkedBlockingQueue<>();
        final List<String> discards = new CopyOnWriteArrayList<>();

        @Override
        public void onFrame(byte[] frame) {
            frames.add(new String(frame, StandardCharsets.ISO_8859_1));
        }

        @Override
        public void onDiscard(Discard why, byte[] bytes) {
            discards.add(why.name());
        }

        @Override
        public void onConnected(String description) {
            events.add("up " + description);
        }

        @Override
        public void onDisconnected(String reason) {
            events.add("down " + reason);
        }

        @Override
        public void onNoReply(int consecutive) {
            events.add("noreply " + consecutive);
        }
    }

    private static final LinkOptions FAST = LinkOptions.defaults().withReconnect(Duration.ofMillis(50), Duration.ofMillis(200));

    @Test
    void readsFramesFromAPtyAndComesBackAfterThePairDies(@TempDir Path dir) throws Exception {
        SocatPair pair = new SocatPair(dir.resolve("gw"), dir.resolve("dev")).start();
        Recorder rec = new Recorder();
        try (ByteLink link = ByteLinks.open(Endpoint.parse("serial://" + pair.a), FrameSpec.lines("\r\n", 64), FAST, rec)) {
            assertTrue(next(rec.events).startsWith("up serial"));
            Files.write(pair.b, "\u0007\u0007garbage-line\r\nST,GS,+0012.34 kg\r\n".getBytes(StandardCharsets.ISO_8859_1),
                    StandardOpenOption.APPEND);
            assertEquals("\u0007\u0007garbage-line", next(rec.frames));
            assertEquals("ST,GS,+0012.34 kg", next(rec.frames));

            pair.stop();
            String down = next(rec.events);
            assertTrue(down.startsWith("down ") && down.contains(pair.a.toString()), down);
            assertFalse(link.connected());

            pair.start();
            String up = nextMatching(rec.events, "up ");
            assertTrue(up.contains(pair.a.toString()), up);
            Files.write(pair.b, "US,GS,+0099.00 kg\r\n".getBytes(StandardCharsets.ISO_8859_1), StandardOpenOption.APPEND);
            assertEquals("US,GS,+0099.00 kg", next(rec.frames));
            assertEquals(2, link.connects());
        } finally {
            pair.stop();
        }
    }

    @Test
    void pollsOverTcpAndReportsMissingReplies() throws Exception {
        try (ServerSocket server = new ServerSocket(0)) {
            Recorder rec = new Recorder();
            LinkOptions polled = FAST.withPolling("SI\r\n".getBytes(StandardCharsets.US_ASCII), Duration.ofMillis(50),
                    Duration.ofMillis(150));
            try (ByteLink link = ByteLinks.open(Endpoint.parse("tcp://127.0.0.1:" + server.getLocalPort()),
                    FrameSpec.lines("\r\n", 64), polled, rec);
                    Socket device = server.accept()) {
                assertTrue(next(rec.events).startsWith("up tcp"));
                byte[] req = new byte[4];
                device.getInputStream().readNBytes(req, 0, 4);
                assertEquals("SI\r\n", new String(req, StandardCharsets.US_ASCII));
                OutputStream out = device.getOutputStream();
                out.write("S S     100.00 kg\r\n".getBytes(StandardCharsets.US_ASCII));
                out.flush();
                assertEquals("S S     100.00 kg", next(rec.frames));
                // the device now stays silent: the link says so, and keeps asking
                assertEquals("noreply 1", nextMatching(rec.events, "noreply"));
                assertEquals("noreply 2", nextMatching(rec.events, "noreply"));
                device.close();
                // closed (read) or lost (a poll written into the dead socket): either way the reason names the peer
                String down = nextMatching(rec.events, "down");
                assertTrue(down.contains("tcp 127.0.0.1:" + server.getLocalPort()), down);
            }
        }
    }

    @Test
    void aMissingPortIsReportedNotThrown(@TempDir Path dir) throws Exception {
        Recorder rec = new Recorder();
        try (ByteLink link = ByteLinks.open(Endpoint.parse("serial://" + dir.resolve("nothing")), FrameSpec.lines("\n", 64), FAST, rec)) {
            assertEquals("down serial port " + dir.resolve("nothing") + " not found", next(rec.events));
            assertFalse(link.send("x".getBytes(StandardCharsets.US_ASCII)));
        }
    }

    private static String next(BlockingQueue<String> q) throws InterruptedException {
        String s = q.poll(5, TimeUnit.SECONDS);
        assertNotNull(s, "nothing arrived within 5 s");
        return s;
    }

    private static String nextMatching(BlockingQueue<String> q, String prefix) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (System.nanoTime() < deadline) {
            String s = q.poll(100, TimeUnit.MILLISECONDS);
            if (s != null && s.startsWith(prefix)) {
                return s;
            }
        }
        fail("no '" + prefix + "' within 5 s");
        return null;
    }
}
