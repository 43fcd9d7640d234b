package org.borderedge.camera.internal;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.LongAdder;
import org.osgi.service.component.annotations.Component;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Routes ISAPI-style pushes to the push-camera devices. A push is trusted only when it comes from
 * an address a configured camera pushes from AND carries that camera's credentials; only then is
 * its body looked at. Anything else is refused: counted, logged (at most once per reason and
 * address every {@link #LOG_EVERY}), reported on the device whose address it used, and never
 * turned into an observation. The caller answers 200 whatever the outcome, as cameras expect.
 */
@Component(service = PushRouter.class)
public class PushRouter {

    static final Duration LOG_EVERY = Duration.ofSeconds(10);
    private static final Logger LOG = LoggerFactory.getLogger(PushRouter.class);

    private final List<PushEndpoint> endpoints = new CopyOnWriteArrayList<>();
    private final Map<String, LongAdder> counters = new ConcurrentHashMap<>();
    private final Map<String, Instant> lastLogged = new ConcurrentHashMap<>();
    private final IsapiAlertParser parser = new IsapiAlertParser();
    private final Clock clock;
    private final DigestChallenges digest;

    public PushRouter() {
        this(Clock.systemUTC());
    }

    PushRouter(Clock clock) {
        this.clock = clock;
        this.digest = new DigestChallenges(clock);
    }

    /** The WWW-Authenticate value to answer a {@link PushOutcome#CHALLENGED} (or _STALE) push with. */
    String challenge(PushOutcome outcome) {
        return digest.challenge(outcome == PushOutcome.CHALLENGED_STALE);
    }

    void register(PushEndpoint endpoint) {
        endpoints.add(endpoint);
    }

    void unregister(PushEndpoint endpoint) {
        endpoints.remove(endpoint);
    }

    /** Receiver-wide counters (received, accepted, refused.*, malformed ...). */
    Map<String, Long> counters() {
        Map<String, Long> out = new TreeMap<>();
        counters.forEach((k, v) -> out.put(k, v.sum()));
        return out;
    }

    PushOutcome route(PushRequest request) {
        count("received");
        PushOutcome outcome = decide(request);
        count(outcome.counter);
        return outcome;
    }

    private PushOutcome decide(PushRequest request) {
        InetAddress from;
        try {
            from = InetAddress.getByName(request.remoteAddress());
        } catch (UnknownHostException | RuntimeException e) {
            warn("bad-address", request.remoteAddress(), "Push refused: peer address '{}' unreadable", request.remoteAddress());
            return PushOutcome.REFUSED_UNKNOWN_ADDRESS;
        }
        List<PushEndpoint> atAddress = new ArrayList<>();
        for (PushEndpoint e : endpoints) {
            if (e.sourceAddresses().contains(from)) {
                atAddress.add(e);
            }
        }
        if (atAddress.isEmpty()) {
            warn("unknown", request.remoteAddress(), "Push refused: {} is not a configured camera address", request.remoteAddress());
            return PushOutcome.REFUSED_UNKNOWN_ADDRESS;
        }
        List<PushEndpoint> trusted = new ArrayList<>();
        boolean stale = false;
        boolean digestWanted = false;
        for (PushEndpoint e : atAddress) {
            DigestChallenges.Verdict verdict = e.credentials().check(request, digest);
            if (verdict == DigestChallenges.Verdict.VALID) {
                trusted.add(e);
            }
            stale |= verdict == DigestChallenges.Verdict.STALE;
            digestWanted |= e.credentials().scheme() == PushCredentials.Scheme.DIGEST;
        }
        if (trusted.isEmpty() && digestWanted && (request.authorization() == null || stale)) {
            return stale ? PushOutcome.CHALLENGED_STALE : PushOutcome.CHALLENGED;
        }
        if (trusted.isEmpty()) {
            String reason = request.authorization() == null ? "no credentials" : "wrong credentials";
            warn("credentials", request.remoteAddress(), "Push refused: {} from {} (devices {})", reason,
                    request.remoteAddress(), atAddress.stream().map(PushEndpoint::deviceId).toList());
            for (PushEndpoint e : atAddress) {
                e.refused("push from " + request.remoteAddress() + " refused: " + reason);
            }
            return PushOutcome.REFUSED_CREDENTIALS;
        }
        if (request.bodyProblem() != null) {
            return malformed(trusted.get(0), request, request.bodyProblem());
        }
        if (request.xml() == null) {
            return malformed(trusted.get(0), request, "push has no event XML part");
        }
        IsapiAlert alert;
        try {
            alert = parser.parse(request.xml());
        } catch (MalformedPushException e) {
            return malformed(trusted.get(0), request, e.getMessage());
        }
        PushEndpoint target = null;
        for (PushEndpoint e : trusted) {
            if (e.channel() == alert.channelId()) {
                target = e;
                break;
            }
            if (e.channel() == 0 && target == null) {
                target = e;
            }
        }
        if (target == null) {
            warn("channel", request.remoteAddress(), "Push refused: channel {} from {} is not configured", alert.channelId(),
                    request.remoteAddress());
            trusted.forEach(e -> e.refused("push for unconfigured channel " + alert.channelId()));
            return PushOutcome.REFUSED_CHANNEL;
        }
        if (!alert.isAnpr() || !alert.hasPlate()) {
            target.accept(alert, Map.of());
            return PushOutcome.NO_PLATE;
        }
        target.accept(alert, request.pictures());
        return PushOutcome.ACCEPTED;
    }

    private PushOutcome malformed(PushEndpoint endpoint, PushRequest request, String reason) {
        warn("malformed", request.remoteAddress(), "Malformed push from {} for device {}: {}", request.remoteAddress(),
                endpoint.deviceId(), reason);
        endpoint.malformed(reason);
        return PushOutcome.MALFORMED;
    }

    private void count(String counter) {
        counters.computeIfAbsent(counter, k -> new LongAdder()).increment();
    }

    /** Logs a refusal unless the same kind from the same address was logged within LOG_EVERY: floods must not flood the log. */
    private void warn(String kind, String address, String format, Object... args) {
        Instant now = clock.instant();
        String key = kind + "|" + address;
        Instant last = lastLogged.get(key);
        if (last == null || Duration.between(last, now).compareTo(LOG_EVERY) >= 0) {
            lastLogged.put(key, now);
            if (lastLogged.size() > 10_000) {
                lastLogged.clear();
            }
            LOG.warn(format, args);
        }
    }
}
