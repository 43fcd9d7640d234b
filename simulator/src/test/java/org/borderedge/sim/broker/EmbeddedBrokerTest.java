package org.borderedge.sim.broker;

import static org.junit.jupiter.api.Assertions.*;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedBrokerTest {

    /** Moquette starts without its excluded dependencies and answers an MQTT CONNECT with CONNACK. */
    @Test
    void acceptsAnMqttConnect(@TempDir Path dir) throws Exception {
        try (EmbeddedBroker broker = new EmbeddedBroker(dir, MqttBroker.freePort())) {
            broker.start();
            assertTrue(broker.running());
            try (Socket s = new Socket(InetAddress.getLoopbackAddress(), broker.port())) {
                OutputStream out = s.getOutputStream();
                // CONNECT, MQTT 3.1.1, clean session, keepalive 10 s, client id "t1".
                out.write(new byte[] {0x10, 14, 0, 4, 'M', 'Q', 'T', 'T', 4, 2, 0, 10, 0, 2, 't', '1'});
                out.flush();
                InputStream in = s.getInputStream();
                byte[] connack = in.readNBytes(4);
                assertArrayEquals(new byte[] {0x20, 2, 0, 0}, connack, "CONNACK with return code 0");
            }
            broker.stop();
            assertFalse(broker.running());
        }
    }
}
