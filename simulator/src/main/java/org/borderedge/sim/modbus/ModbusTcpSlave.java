package org.borderedge.sim.modbus;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Map;
import org.borderedge.sim.net.TcpServer;

/** A Modbus TCP server for relay boards by unit id, like a TCP-to-RS-485 gateway in front of a bus. */
final class ModbusTcpSlave implements AutoCloseable {

    private final Map<Integer, RelayBoard> boards;
    private final TcpServer server;

    ModbusTcpSlave(Map<Integer, RelayBoard> boards, String host, int port) throws IOException {
        this.boards = boards;
        ServerSocket socket = new ServerSocket();
        socket.setReuseAddress(true);
        socket.bind(new InetSocketAddress(InetAddress.getByName(host), port));
        this.server = new TcpServer(socket, "modbus-tcp-slave", this::serve);
    }

    int port() {
        return server.port();
    }

    private void serve(Socket s) {
        try (DataInputStream in = new DataInputStream(s.getInputStream()); OutputStream out = s.getOutputStream()) {
            byte[] header = new byte[7];
            while (true) {
                in.readFully(header);
                int length = ((header[4] & 0xFF) << 8) | (header[5] & 0xFF);
                if (length < 2 || length > 254) {
                    return;
                }
                byte[] pdu = new byte[length - 1];
                in.readFully(pdu);
                int unit = header[6] & 0xFF;
                RelayBoard board = boards.get(unit);
                RelayBoard.Reply reply = board == null
                        ? new RelayBoard.Reply(new byte[] {(byte) (pdu[0] | 0x80), 0x0B}, null)
                        : board.handle(pdu);
                if (reply == null) {
                    continue;
                }
                byte[] frame = new byte[7 + reply.pdu().length];
                System.arraycopy(header, 0, frame, 0, 4);
                frame[4] = (byte) ((reply.pdu().length + 1) >>> 8);
                frame[5] = (byte) (reply.pdu().length + 1);
                frame[6] = (byte) unit;
                System.arraycopy(reply.pdu(), 0, frame, 7, reply.pdu().length);
                if (reply.framing() == Fault.Malformation.BAD_CHECKSUM) {
                    frame[3] = 1;
                } else if (reply.framing() == Fault.Malformation.TRUNCATED) {
                    frame = java.util.Arrays.copyOf(frame, 7 + reply.pdu().length / 2);
                }
                out.write(frame);
                out.flush();
            }
        } catch (EOFException e) {
            // master closed the connection
        } catch (IOException e) {
            // connection dropped or server closing
        }
    }

    @Override
    public void close() {
        server.close();
    }
}
