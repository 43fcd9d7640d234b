package org.borderedge.camera.internal;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;

/**
 * Splits a multipart/x-mixed-replace stream into frames. Parts with Content-Length are read
 * exactly; parts without it are read up to the next boundary. Some cameras omit the leading
 * "--" of the boundary, so both spellings are accepted. Lines and frames are bounded: a stream
 * that never sends a boundary fails with a clear error instead of growing the heap.
 */
final class MjpegReader {

    private static final int MAX_LINE = 1024;
    private static final int MAX_HEADERS = 32;

    private final InputStream in;
    private final String boundary;
    private final byte[] delimiter;
    private final int maxFrameBytes;

    MjpegReader(InputStream in, String boundary, int maxFrameBytes) {
        this.in = new BufferedInputStream(in, 64 * 1024);
        this.boundary = boundary.startsWith("--") ? boundary.substring(2) : boundary;
        this.delimiter = ("\r\n--" + this.boundary).getBytes(StandardCharsets.US_ASCII);
        this.maxFrameBytes = maxFrameBytes;
    }

    /** The boundary of a {@code multipart/x-mixed-replace; boundary=...} content type. */
    static String boundaryOf(String contentType) throws IOException {
        if (contentType == null || !contentType.toLowerCase(Locale.ROOT).startsWith("multipart/")) {
            throw new IOException("not an MJPEG stream: Content-Type " + contentType);
        }
        for (String param : contentType.split(";")) {
            String p = param.strip();
            if (p.toLowerCase(Locale.ROOT).startsWith("boundary=")) {
                String b = p.substring("boundary=".length()).strip();
                if (b.length() >= 2 && b.startsWith("\"") && b.endsWith("\"")) {
                    b = b.substring(1, b.length() - 1);
                }
                if (!b.isEmpty()) {
                    return b;
                }
            }
        }
        throw new IOException("MJPEG Content-Type has no boundary: " + contentType);
    }

    private boolean boundaryPending = true;

    /** The next frame's bytes; EOFException when the stream ends. */
    byte[] next() throws IOException {
        if (boundaryPending) {
            String line;
            int skipped = 0;
            do {
                line = readLine();
                if (++skipped > MAX_HEADERS) {
                    throw new IOException("no MJPEG boundary '" + boundary + "' found");
                }
            } while (!isBoundary(line));
        }
        int contentLength = -1;
        for (int i = 0; ; i++) {
            if (i > MAX_HEADERS) {
                throw new IOException("MJPEG part has more than " + MAX_HEADERS + " header lines");
            }
            String header = readLine();
            if (header.isEmpty()) {
                break;
            }
            int colon = header.indexOf(':');
            if (colon > 0 && header.substring(0, colon).strip().equalsIgnoreCase("Content-Length")) {
                try {
                    contentLength = Integer.parseInt(header.substring(colon + 1).strip());
                } catch (NumberFormatException e) {
                    throw new IOException("MJPEG part has a bad Content-Length: " + header);
                }
                if (contentLength < 0 || contentLength > maxFrameBytes) {
                    throw new IOException("MJPEG part Content-Length " + contentLength + " outside 0.." + maxFrameBytes);
                }
            }
        }
        if (contentLength >= 0) {
            byte[] frame = in.readNBytes(contentLength);
            if (frame.length < contentLength) {
                throw new EOFException("MJPEG stream ended inside a frame");
            }
            boundaryPending = true;
            return frame;
        }
        boundaryPending = false;
        return readUntilDelimiter();
    }

    private boolean isBoundary(String line) {
        String l = line.strip();
        return l.equals("--" + boundary) || l.equals(boundary) || l.equals("--" + boundary + "--");
    }

    /** Reads a part without Content-Length: everything up to CRLF--boundary, then the rest of that line. */
    private byte[] readUntilDelimiter() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(64 * 1024);
        int matched = 0;
        while (true) {
            int b = in.read();
            if (b < 0) {
                throw new EOFException("MJPEG stream ended inside a frame");
            }
            out.write(b);
            matched = (b == (delimiter[matched] & 0xFF)) ? matched + 1 : (b == (delimiter[0] & 0xFF) ? 1 : 0);
            if (matched == delimiter.length) {
                readLine();
                byte[] all = out.toByteArray();
                return Arrays.copyOf(all, all.length - delimiter.length);
            }
            if (out.size() > maxFrameBytes + delimiter.length) {
                throw new IOException("MJPEG frame larger than " + maxFrameBytes + " bytes or boundary missing");
            }
        }
    }

    private String readLine() throws IOException {
        StringBuilder line = new StringBuilder();
        while (true) {
            int b = in.read();
            if (b < 0) {
                throw new EOFException("MJPEG stream ended");
            }
            if (b == '\n') {
                int len = line.length();
                return len > 0 && line.charAt(len - 1) == '\r' ? line.substring(0, len - 1) : line.toString();
            }
            if (line.length() >= MAX_LINE) {
                throw new IOException("MJPEG header line longer than " + MAX_LINE + " bytes");
            }
            line.append((char) b);
        }
    }
}
