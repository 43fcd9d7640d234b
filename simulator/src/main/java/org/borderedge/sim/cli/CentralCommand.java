package org.borderedge.sim.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.math.BigDecimal;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import org.borderedge.core.Channel;
import org.borderedge.core.Declaration;
import org.borderedge.sim.central.CentralSimulator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * `central`: the central clearance system for commissioning and demos. Subscribes to every
 * gateway's uplink, keeps gateways' reference data current (a declaration file, sent as a signed
 * snapshot whenever a gateway announces an older version), optionally pulls over HTTP, and prints
 * a JSON report line per gateway at an interval until stopped.
 */
@Command(name = "central", description = "Central system simulator: receive uplink, publish reference data, report received/duplicates/gaps.")
final class CentralCommand implements Callable<Integer> {

    @Option(names = "--broker", required = true, description = "Broker URL, e.g. tcp://127.0.0.1:1883")
    String broker;

    @Option(names = "--prefix", defaultValue = "borderedge", description = "Topic prefix (default ${DEFAULT-VALUE})")
    String prefix;

    @Option(names = "--hmac-key", description = "Downlink signing key; default: env BORDEREDGE_HMAC_KEY")
    String hmacKey;

    @Option(names = "--gateway", description = "Gateway id(s) to keep current with --declarations")
    List<String> gateways = new ArrayList<>();

    @Option(names = "--declarations", description = "JSON array of declarations {id, plates, containers, sealIds, declaredGrossKg, channel}")
    Path declarations;

    @Option(names = "--pull", description = "Gateway base URL to pull from, e.g. http://127.0.0.1:8080")
    URI pull;

    @Option(names = "--pull-token", description = "Bearer token for --pull; default: env BORDEREDGE_PULL_TOKEN")
    String pullToken;

    @Option(names = "--report-every", defaultValue = "10", description = "Seconds between report lines (default ${DEFAULT-VALUE})")
    int reportEvery;

    @Option(names = "--duration", defaultValue = "0", description = "Stop after this many seconds; 0 runs until killed")
    int duration;

    @Override
    public Integer call() throws Exception {
        String key = hmacKey != null ? hmacKey : System.getenv("BORDEREDGE_HMAC_KEY");
        if (key == null || key.length() < 16) {
            System.err.println("central: --hmac-key (or BORDEREDGE_HMAC_KEY) of at least 16 characters is required");
            return 2;
        }
        ObjectMapper json = new ObjectMapper().disable(SerializationFeature.FAIL_ON_EMPTY_BEANS);
        try (CentralSimulator central = CentralSimulator.start(broker, prefix, key.getBytes(StandardCharsets.UTF_8))) {
            if (declarations != null) {
                List<Declaration> set = readDeclarations(json, declarations);
                long version = System.currentTimeMillis();
                for (String g : gateways) {
                    central.keepGatewayCurrent(g, CentralSimulator.snapshot(g, version, set, null, null, null));
                    central.publishDeclarations(g, version, set);
                }
                System.err.println("central: " + set.size() + " declarations, version " + version + ", for " + gateways);
            }
            long end = duration > 0 ? System.nanoTime() + Duration.ofSeconds(duration).toNanos() : Long.MAX_VALUE;
            long after = 0;
            while (System.nanoTime() < end) {
                Thread.sleep(Math.min(reportEvery * 1000L, Math.max(1, (end - System.nanoTime()) / 1_000_000)));
                if (pull != null) {
                    String token = pullToken != null ? pullToken : System.getenv("BORDEREDGE_PULL_TOKEN");
                    try {
                        central.pull(pull, token, after);
                    } catch (Exception e) {
                        System.err.println("central: pull failed: " + e.getMessage());
                    }
                }
                for (CentralSimulator.GatewayReport r : central.report().values()) {
                    System.out.println(json.writeValueAsString(r));
                }
                System.out.flush();
            }
        }
        return 0;
    }

    static List<Declaration> readDeclarations(ObjectMapper json, Path file) throws Exception {
        List<Declaration> out = new ArrayList<>();
        for (Map<?, ?> d : json.readValue(Files.readString(file), Map[].class)) {
            out.add(new Declaration((String) d.get("id"), strings(d.get("plates")), strings(d.get("containers")),
                    strings(d.get("sealIds")), d.get("declaredGrossKg") == null ? null : new BigDecimal(d.get("declaredGrossKg").toString()),
                    Channel.valueOf(String.valueOf(d.get("channel")))));
        }
        return out;
    }

    private static Set<String> strings(Object o) {
        Set<String> s = new HashSet<>();
        if (o instanceof List<?> l) {
            l.forEach(x -> s.add(String.valueOf(x)));
        }
        return s;
    }
}
