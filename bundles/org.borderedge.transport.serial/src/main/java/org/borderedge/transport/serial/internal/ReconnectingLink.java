package org.borderedge.transport.serial.internal;

import java.io.IOException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.borderedge.transport.serial.ByteLink;
import org.borderedge.transport.serial.Discard;
import org.borderedge.transport.serial.Endpoint;
import org.borderedge.transport.serial.FrameSpec;
import org.borderedge.transport.serial.Framer;
import org.borderedge.transport.serial.LinkListener;
import org.borderedge.transport.serial.LinkOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One reader thread per device: open, read, frame, poll; on any failure close, report the reason,
 * wait (doubling up to the maximum) and open again, for as long as the link is not closed. A device
 * unplugged and plugged back, or a socat pair restarted, comes back without anyone restarting anything.
 */
public final class ReconnectingLink implements ByteLink {

    private static final Logger LOG = LoggerFactory.getLogger(ReconnectingLink.class);
    private static final int READ_TIMEOUT_MS = 50;
    private static final int CONNECT_TIMEOUT_MS = 2000;

    private final Endpoint endpoint;
    private final FrameSpec frames;
    private final LinkOptions options;
    private final LinkListener listener;
    private final AtomicLong connects = new AtomicLong();
    private final Object writeLock = new Object();
    private volatile boolean running;
    private volatile Channel channel;
    private Thread thread;
    private int framesSinceRequest;

    public ReconnectingLink(Endpoint endpoint, FrameSpec frames, LinkOptions options, LinkListener listener) {
        this.endpoint = endpoint;
        this.frames = frames;
        this.options = options;
        this.listener = listener;
    }

    public synchronized void start() {
        if (thread != null) {
            return;
        }
        running = true;
        thread = new Thread(this::run, "link " + endpoint);
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public Endpoint endpoint() {
        return endpoint;
    }

    @Override
    public boolean connected() {
        return channel != null;
    }

    @Override
    public long connects() {
        return connects.get();
    }

    @Override
    public boolean send(byte[] bytes) {
        Channel ch = channel;
        if (ch == null) {
            return false;
        }
        synchronized (writeLock) {
            try {
                ch.write(bytes);
                return true;
            } catch (IOException e) {
                LOG.debug("write to {} failed: {}", endpoint, e.getMessage());
                return false;
            }
        }
    }

    @Override
    public void close() {
        Thread t;
        synchronized (this) {
            running = false;
            t = thread;
        }
        Channel ch = channel;
        if (ch != null) {
            ch.close();
        }
        if (t != null && t != Thread.currentThread()) {
            // a listener may close its own link from a callback: it must not wait for itself
            t.interrupt();
            try {
                t.join(2000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void run() {
        long backoff = options.reconnectMin().toMillis();
        String lastReason = null;
        Framer framer = new Framer(frames, new Framer.Sink() {
            @Override
            public void frame(byte[] frame) {
                framesSinceRequest++;
                safely(() -> listener.onFrame(frame));
            }

            @Override
            public void discarded(Discard why, byte[] bytes) {
                safely(() -> listener.onDiscard(why, bytes));
            }
        });
        while (running) {
            Channel ch;
            try {
                ch = open();
            } catch (IOException | RuntimeException e) {
                String reason = e.getMessage() == null ? e.toString() : e.getMessage();
                if (!reason.equals(lastReason)) {
                    lastReason = reason;
                    safely(() -> listener.onDisconnected(reason));
                }
                pause(backoff);
                backoff = Math.min(backoff * 2, options.reconnectMax().toMillis());
                continue;
            }
            channel = ch;
            connects.incrementAndGet();
            backoff = options.reconnectMin().toMillis();
            lastReason = null;
            safely(() -> listener.onConnected(ch.description()));
            String reason;
            try {
                pump(ch, framer);
                reason = "link closed";
            } catch (IOException | RuntimeException e) {
                reason = e.getMessage() == null ? e.toString() : e.getMessage();
            }
            channel = null;
            ch.close();
            framer.reset();
            if (running) {
                String r = reason;
                lastReason = r;
                safely(() -> listener.onDisconnected(r));
                pause(backoff);
            }
        }
    }

    private Channel open() throws IOException {
        return endpoint.scheme() == Endpoint.Scheme.TCP ? TcpChannel.open(endpoint, READ_TIMEOUT_MS, CONNECT_TIMEOUT_MS)
                : SerialChannel.open(endpoint, READ_TIMEOUT_MS);
    }

    private void pump(Channel ch, Framer framer) throws IOException {
        byte[] buf = new byte[1024];
        long lastByte = now();
        boolean silenceReported = false;
        long nextPoll = now();
        long awaitingSince = -1;
        int missed = 0;
        long silenceNanos = options.silence() == null ? 0 : options.silence().toNanos();
        while (running) {
            if (options.polled()) {
                long t = now();
                if (awaitingSince >= 0 && framesSinceRequest > 0) {
                    awaitingSince = -1;
                    missed = 0;
                } else if (awaitingSince >= 0 && t - awaitingSince > options.replyTimeout().toNanos()) {
                    int m = ++missed;
                    safely(() -> listener.onNoReply(m));
                    awaitingSince = -1;
                }
                if (awaitingSince < 0 && t - nextPoll >= 0) {
                    synchronized (writeLock) {
                        ch.write(options.pollRequest());
                    }
                    framesSinceRequest = 0;
                    awaitingSince = t;
                    nextPoll = t + options.pollInterval().toNanos();
                }
            }
            int n = ch.read(buf);
            if (n > 0) {
                lastByte = now();
                silenceReported = false;
                framer.accept(buf, 0, n);
            } else if (silenceNanos > 0 && !silenceReported && now() - lastByte > silenceNanos) {
                silenceReported = true;
                long ms = TimeUnit.NANOSECONDS.toMillis(now() - lastByte);
                safely(() -> listener.onSilence(ms));
            }
        }
    }

    private long now() {
        return options.ticker().nanos();
    }

    private void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            if (running) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void safely(Runnable r) {
        try {
            r.run();
        } catch (RuntimeException e) {
            LOG.warn("listener of {} failed", endpoint, e);
        }
    }
}
