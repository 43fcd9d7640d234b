package org.borderedge.transport.serial;

import java.util.Arrays;

/**
 * Cuts a byte stream into frames per a {@link FrameSpec}. Noise, cut-short and overlong frames are
 * handed to the sink as discards with the reason and the framer resynchronises on the next frame
 * start; its buffers never grow beyond maxLength. Not thread-safe: one reader feeds it.
 */
public final class Framer {

    /** Receives frames (the bytes between the markers, plus any trailer) and discarded bytes. */
    public interface Sink {
        void frame(byte[] frame);

        void discarded(Discard why, byte[] bytes);
    }

    private static final int GARBAGE_CHUNK = 64;

    private final FrameSpec spec;
    private final Sink sink;
    private final byte[] buf;
    private int len;
    private boolean inFrame;
    private boolean skippingOversize;
    private int trailerLeft;
    private final byte[] garbage = new byte[GARBAGE_CHUNK];
    private int garbageLen;

    public Framer(FrameSpec spec, Sink sink) {
        this.spec = spec;
        this.sink = sink;
        this.buf = new byte[spec.maxLength() + spec.trailer()];
    }

    public void accept(byte[] data, int off, int count) {
        for (int i = off; i < off + count; i++) {
            if (spec.mode() == FrameSpec.Mode.STX_ETX) {
                stxEtx(data[i]);
            } else if (spec.start().length > 0) {
                startEnd(data[i]);
            } else {
                delimited(data[i]);
            }
        }
    }

    /** The stream ended (port lost): a frame in progress is reported as cut short. */
    public void reset() {
        if (!skippingOversize && (len > 0 || inFrame)) {
            sink.discarded(Discard.TRUNCATED, Arrays.copyOf(buf, len));
        }
        flushGarbage();
        len = 0;
        inFrame = false;
        skippingOversize = false;
        trailerLeft = 0;
    }

    private void delimited(byte b) {
        if (skippingOversize) {
            if (endsWithDelimiterAfter(b)) {
                skippingOversize = false;
                len = 0;
            }
            return;
        }
        buf[len++] = b;
        byte[] end = spec.end();
        if (len >= end.length && Arrays.equals(buf, len - end.length, len, end, 0, end.length)) {
            byte[] frame = Arrays.copyOf(buf, len - end.length);
            len = 0;
            sink.frame(frame);
        } else if (len == spec.maxLength()) {
            sink.discarded(Discard.OVERSIZE, Arrays.copyOf(buf, len));
            // keep the last bytes: they may be the first half of the delimiter
            int keep = Math.min(end.length - 1, len);
            System.arraycopy(buf, len - keep, buf, 0, keep);
            len = keep;
            skippingOversize = true;
        }
    }

    /** While skipping an overlong line, watch for the delimiter with a sliding window in buf. */
    private boolean endsWithDelimiterAfter(byte b) {
        byte[] end = spec.end();
        if (end.length == 1) {
            return b == end[0];
        }
        if (len == end.length) {
            System.arraycopy(buf, 1, buf, 0, len - 1);
            len--;
        }
        buf[len++] = b;
        return len == end.length && Arrays.equals(buf, 0, len, end, 0, end.length);
    }

    private void startEnd(byte b) {
        byte start = spec.start()[0];
        if (!inFrame) {
            if (b == start) {
                flushGarbage();
                inFrame = true;
                len = 0;
            } else {
                garbage(b);
            }
            return;
        }
        if (b == start) {
            sink.discarded(Discard.TRUNCATED, Arrays.copyOf(buf, len));
            len = 0;
            return;
        }
        buf[len++] = b;
        byte[] end = spec.end();
        if (len >= end.length && Arrays.equals(buf, len - end.length, len, end, 0, end.length)) {
            byte[] frame = Arrays.copyOf(buf, len - end.length);
            len = 0;
            inFrame = false;
            sink.frame(frame);
        } else if (len == spec.maxLength()) {
            sink.discarded(Discard.OVERSIZE, Arrays.copyOf(buf, len));
            len = 0;
            inFrame = false;
        }
    }

    private void stxEtx(byte b) {
        int v = b & 0xFF;
        if (trailerLeft > 0) {
            buf[len++] = b;
            if (--trailerLeft == 0) {
                emitAndLeave();
            }
            return;
        }
        if (!inFrame) {
            if (v == spec.stx()) {
                flushGarbage();
                inFrame = true;
                len = 0;
            } else {
                garbage(b);
            }
            return;
        }
        if (v == spec.stx()) {
            sink.discarded(Discard.TRUNCATED, Arrays.copyOf(buf, len));
            len = 0;
            return;
        }
        int frameLength = len + 2; // with STX and this byte
        if (v == spec.etx()) {
            if (spec.length() > 0 && frameLength != spec.length()) {
                sink.discarded(frameLength < spec.length() ? Discard.TRUNCATED : Discard.OVERSIZE, Arrays.copyOf(buf, len));
                len = 0;
                inFrame = false;
                return;
            }
            if (spec.trailer() > 0) {
                trailerLeft = spec.trailer();
                return;
            }
            emitAndLeave();
            return;
        }
        if ((spec.length() > 0 && frameLength >= spec.length()) || len + 1 >= spec.maxLength()) {
            // the end byte should have come by now: the frame is damaged; the byte may be noise
            sink.discarded(spec.length() > 0 ? Discard.TRUNCATED : Discard.OVERSIZE, Arrays.copyOf(buf, len));
            len = 0;
            inFrame = false;
            garbage(b);
            return;
        }
        buf[len++] = b;
    }

    private void emitAndLeave() {
        byte[] frame = Arrays.copyOf(buf, len);
        len = 0;
        inFrame = false;
        sink.frame(frame);
    }

    private void garbage(byte b) {
        garbage[garbageLen++] = b;
        if (garbageLen == GARBAGE_CHUNK) {
            flushGarbage();
        }
    }

    private void flushGarbage() {
        if (garbageLen > 0) {
            sink.discarded(Discard.GARBAGE, Arrays.copyOf(garbage, garbageLen));
            garbageLen = 0;
        }
    }
}
