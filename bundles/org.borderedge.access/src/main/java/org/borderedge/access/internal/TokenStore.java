package org.borderedge.access.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.borderedge.access.AccessScope;
import org.borderedge.access.Agency;
import org.borderedge.access.AgencyToken;
import org.borderedge.access.AgencyTokens;
import org.borderedge.access.IssuedToken;
import org.borderedge.core.EventType;

/**
 * Agency tokens in one JSON file (owner-only), rewritten atomically and forced to disk on every change,
 * so an issued token exists and a revoked one is dead after a power cut too. Lookup is by the SHA-256
 * of the presented secret, compared in constant time.
 */
public final class TokenStore implements AgencyTokens {

    static final String SECRET_PREFIX = "bep_";
    private static final Pattern LANE = Pattern.compile("[A-Za-z0-9._-]{1,40}");
    private static final int MAX_LABEL = 80;

    private final Path file;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();
    private final ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    /** id -> (token, sha256 hex of its secret) */
    private final Map<String, Stored> tokens = new LinkedHashMap<>();

    private record Stored(AgencyToken token, String sha256) {
    }

    public TokenStore(Path file, Clock clock) {
        this.file = file;
        this.clock = clock;
        load();
    }

    @Override
    public synchronized Optional<AgencyToken> authenticate(String secret) {
        if (secret == null || !secret.startsWith(SECRET_PREFIX)) {
            return Optional.empty();
        }
        byte[] presented = sha256(secret).getBytes(StandardCharsets.US_ASCII);
        AgencyToken found = null;
        for (Stored s : tokens.values()) {
            if (MessageDigest.isEqual(presented, s.sha256().getBytes(StandardCharsets.US_ASCII))) {
                found = s.token();
            }
        }
        return found != null && found.active() ? Optional.of(found) : Optional.empty();
    }

    @Override
    public IssuedToken issue(Agency agency, String label, Set<String> eventTypes, Set<String> lanes, String issuedBy) {
        if (agency == null) {
            throw new IllegalArgumentException("agency must be customs, border-guard or quarantine");
        }
        String l = label == null ? "" : label.strip();
        if (l.length() > MAX_LABEL || l.chars().anyMatch(c -> c < 0x20)) {
            throw new IllegalArgumentException("label must be at most " + MAX_LABEL + " printable characters");
        }
        Set<String> types = new TreeSet<>();
        for (String t : eventTypes == null ? Set.<String>of() : eventTypes) {
            String name = t == null ? "" : t.strip().toUpperCase(java.util.Locale.ROOT);
            if (Arrays.stream(EventType.values()).noneMatch(e -> e.name().equals(name))) {
                throw new IllegalArgumentException("unknown event type '" + t + "'");
            }
            types.add(name);
        }
        Set<String> laneIds = new TreeSet<>();
        for (String lane : lanes == null ? Set.<String>of() : lanes) {
            if (lane == null || !LANE.matcher(lane.strip()).matches()) {
                throw new IllegalArgumentException("lane id '" + lane + "' must be 1-40 letters, digits, '.', '_' or '-'");
            }
            laneIds.add(lane.strip());
        }
        byte[] secretBytes = new byte[32];
        random.nextBytes(secretBytes);
        String secret = SECRET_PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(secretBytes);
        byte[] idBytes = new byte[6];
        random.nextBytes(idBytes);
        AgencyToken t = new AgencyToken("agt-" + HexFormat.of().formatHex(idBytes), agency, l, new AccessScope(types, laneIds),
                clock.instant(), issuedBy == null ? "" : issuedBy, null, null);
        synchronized (this) {
            tokens.put(t.id(), new Stored(t, sha256(secret)));
            try {
                save();
            } catch (IllegalStateException e) {
                tokens.remove(t.id());
                throw e;
            }
        }
        return new IssuedToken(t, secret);
    }

    @Override
    public synchronized Optional<AgencyToken> revoke(String id, String revokedBy) {
        Stored s = id == null ? null : tokens.get(id);
        if (s == null) {
            return Optional.empty();
        }
        if (!s.token().active()) {
            return Optional.of(s.token());
        }
        AgencyToken t = s.token();
        AgencyToken revoked = new AgencyToken(t.id(), t.agency(), t.label(), t.scope(), t.created(), t.createdBy(),
                clock.instant(), revokedBy == null ? "" : revokedBy);
        tokens.put(id, new Stored(revoked, s.sha256()));
        try {
            save();
        } catch (IllegalStateException e) {
            tokens.put(id, s);
            throw e;
        }
        return Optional.of(revoked);
    }

    @Override
    public synchronized List<AgencyToken> list() {
        return tokens.values().stream().map(Stored::token).toList();
    }

    static String sha256(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    // ---- file -------------------------------------------------------------------------------------

    public static final class FileToken {
        public String id;
        public String agency;
        public String label;
        public List<String> eventTypes = new ArrayList<>();
        public List<String> lanes = new ArrayList<>();
        public String created;
        public String createdBy;
        public String revokedAt;
        public String revokedBy;
        public String sha256;
    }

    public static final class FileContent {
        public int version = 1;
        public List<FileToken> tokens = new ArrayList<>();
    }

    private void load() {
        if (!Files.exists(file)) {
            return;
        }
        try {
            FileContent c = json.readValue(file.toFile(), FileContent.class);
            for (FileToken f : c.tokens) {
                Agency agency = Agency.parse(f.agency).orElseThrow(() -> new IllegalStateException(
                        file + ": token " + f.id + " has unknown agency " + f.agency));
                AgencyToken t = new AgencyToken(f.id, agency, f.label == null ? "" : f.label,
                        new AccessScope(Set.copyOf(f.eventTypes), Set.copyOf(f.lanes)), Instant.parse(f.created),
                        f.createdBy, f.revokedAt == null ? null : Instant.parse(f.revokedAt), f.revokedBy);
                tokens.put(t.id(), new Stored(t, f.sha256));
            }
        } catch (IOException | RuntimeException e) {
            // Starting with no tokens would silently lock agencies out; starting with a guess could let one in.
            throw new IllegalStateException("cannot read agency token file " + file + ": " + e.getMessage(), e);
        }
    }

    private void save() {
        FileContent c = new FileContent();
        for (Stored s : tokens.values()) {
            AgencyToken t = s.token();
            FileToken f = new FileToken();
            f.id = t.id();
            f.agency = t.agency().wireName();
            f.label = t.label();
            f.eventTypes = new ArrayList<>(new TreeSet<>(t.scope().eventTypes()));
            f.lanes = new ArrayList<>(new TreeSet<>(t.scope().lanes()));
            f.created = t.created().toString();
            f.createdBy = t.createdBy();
            f.revokedAt = t.revokedAt() == null ? null : t.revokedAt().toString();
            f.revokedBy = t.revokedBy();
            f.sha256 = s.sha256();
            c.tokens.add(f);
        }
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING)) {
                ch.write(java.nio.ByteBuffer.wrap(json.writeValueAsBytes(c)));
                ch.force(true);
            }
            try {
                Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException notPosix) {
                // Windows gate PCs: the data folder's ACL protects it.
            }
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new IllegalStateException("cannot write agency token file " + file + ": " + e.getMessage(), e);
        }
    }
}
