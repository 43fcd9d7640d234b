package org.borderedge.camera.internal;

import static org.junit.jupiter.api.Assertions.*;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class MjpegReaderTest {

    private static final byte[] F1 = {(byte) 0xFF, (byte) 0xD8, 1, 2, 3, (byte) 0xFF, (byte) 0xD9};
    private static final byte[] F2 = {(byte) 0xFF, (byte) 0xD8, '\r', '\n', '-', 9, (byte) 0xFF, (byte) 0xD9};

    private static byte[] stream(boolean withLength, String boundaryLine, byte[]... frames) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] f : frames) {
            out.writeBytes((boundaryLine + "\r\nContent-Type: image/jpeg\r\n"
                    + (withLength ? "Content-Length: " + f.length + "\r\n" : "") + "\r\n").getBytes(StandardCharsets.US_ASCII));
            out.writeBytes(f);
            out.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
        }
        out.writeBytes((boundaryLine + "--\r\n").getBytes(StandardCharsets.US_ASCII));
        return out.toByteArray();
    }

    @Test
    void readsFramesWithContentLength() throws IOException {
        MjpegReader r = new MjpegReader(new ByteArrayInputStream(stream(true, "--frame", F1, F2)), "frame", 1024);
        assertArrayEquals(F1, r.next());
        assertArrayEquals(F2, r.next());
        assertThrows(EOFException.class, r::next);
    }

    @Test
    void readsFramesWithoutContentLengthUpToTheBoundary() throws IOException {
        MjpegReader r = new MjpegReader(new ByteArrayInputStream(stream(false, "--frame", F1, F2)), "frame", 1024);
        assertArrayEquals(F1, r.next());
        assertArrayEquals(F2, r.next(), "CR LF and '-' inside a frame are not a boundary");
    }

    @Test
    void acceptsABoundaryDeclaredWithDashes() throws IOException {
        MjpegReader r = new MjpegReader(new ByteArrayInputStream(stream(true, "--myboundary", F1)), "--myboundary", 1024);
        assertArrayEquals(F1, r.next());
    }

    @Test
    void boundaryFromContentType() throws IOException {
        assertEquals("abc", MjpegReader.boundaryOf("multipart/x-mixed-replace; boundary=\"abc\""));
        assertEquals("x", MjpegReader.boundaryOf("multipart/x-mixed-replace;boundary=x"));
        assertThrows(IOException.class, () -> MjpegReader.boundaryOf("image/jpeg"));
        assertThrows(IOException.class, () -> MjpegReader.boundaryOf("multipart/x-mixed-replace"));
    }

    @Test
    void garbageFailsWithAReasonInsteadOfGrowingTheHeap() {
        byte[] noBoundary = new byte[100_000];
        java.util.Arrays.fill(noBoundary, (byte) 'a');
        IOException e = assertThrows(IOException.class,
                () -> new MjpegReader(new ByteArrayInputStream(noBoundary), "frame", 1024).next());
        assertTrue(e.getMessage().contains("longer than"), e.getMessage());
        byte[] endless = stream(false, "--frame", new byte[5000]);
        IOException big = assertThrows(IOException.class,
                () -> new MjpegReader(new ByteArrayInputStream(endless), "frame", 1024).next());
        assertTrue(big.getMessage().contains("larger than"), big.getMessage());
        byte[] badLength = "--frame\r\nContent-Length: lots\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
        assertTrue(assertThrows(IOException.class, () -> new MjpegReader(new ByteArrayInputStream(badLength), "frame", 1024).next())
                .getMessage().contains("Content-Length"));
    }
}
