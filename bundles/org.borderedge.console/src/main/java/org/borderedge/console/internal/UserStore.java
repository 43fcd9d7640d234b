package org.borderedge.console.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Console users and API tokens in DATA/console/users.json (owner-only permissions). Passwords are
 * Argon2id hashes; API tokens are random 256-bit values stored only as SHA-256, shown once.
 * There is no built-in account: the first user comes from the setup token or the bootstrap
 * configuration, and only while the file has no user.
 */
final class UserStore {

    static final int MIN_PASSWORD_LENGTH = 10;
    private static final Pattern NAME = Pattern.compile("[a-zA-Z0-9._-]{2,40}");
    private static final String TOKEN_PREFIX = "bet_";

    record User(String name, Role role, String passwordHash, String created, List<ApiToken> tokens) {
    }

    record ApiToken(String id, String sha256, String label, String created) {
    }

    /** A user as authenticated, without secrets. */
    record Principal(String name, Role role, boolean viaToken) {
    }

    private final Path file;
    private final Clock clock;
    private final PasswordHasher hasher = new PasswordHasher();
    private final ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private final SecureRandom random = new SecureRandom();
    private final Map<String, User> users = new LinkedHashMap<>();
    /** Hashed against when the user is unknown, so timing does not reveal which names exist; made on first need. */
    private volatile String decoyHash;

    UserStore(Path file, Clock clock) {
        this.file = file;
        this.clock = clock;
        load();
    }

    synchronized boolean isEmpty() {
        return users.isEmpty();
    }

    synchronized List<User> list() {
        return List.copyOf(users.values());
    }

    synchronized Optional<User> user(String name) {
        return Optional.ofNullable(users.get(key(name)));
    }

    /** Checks a password; unknown names cost the same time as wrong passwords. */
    Optional<Principal> authenticate(String name, String password) {
        User u;
        synchronized (this) {
            u = name == null ? null : users.get(key(name));
        }
        if (u == null || password == null) {
            String decoy = decoyHash;
            if (decoy == null) {
                decoy = hasher.hash("decoy-" + random.nextLong());
                decoyHash = decoy;
            }
            hasher.verify(password == null ? "" : password, decoy);
            return Optional.empty();
        }
        return hasher.verify(password, u.passwordHash()) ? Optional.of(new Principal(u.name(), u.role(), false))
                : Optional.empty();
    }

    /** @throws IllegalArgumentException naming what is wrong with the name, password or duplicate */
    User create(String name, String password, Role role) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("user name must be 2-40 letters, digits, '.', '_' or '-'");
        }
        checkPassword(password);
        String hash = hasher.hash(password);
        synchronized (this) {
            if (users.containsKey(key(name))) {
                throw new IllegalArgumentException("user " + name + " already exists");
            }
            User u = new User(name, role, hash, clock.instant().toString(), List.of());
            users.put(key(name), u);
            save();
            return u;
        }
    }

    void changePassword(String name, String password) {
        checkPassword(password);
        String hash = hasher.hash(password);
        synchronized (this) {
            User u = users.get(key(name));
            if (u == null) {
                throw new IllegalArgumentException("no user " + name);
            }
            users.put(key(name), new User(u.name(), u.role(), hash, u.created(), u.tokens()));
            save();
        }
    }

    /** Creates an API token for a user and returns its secret; only its hash is kept. */
    synchronized String createToken(String name, String label) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("user required: the token acts as that user");
        }
        User u = users.get(key(name));
        if (u == null) {
            throw new IllegalArgumentException("no user " + name);
        }
        byte[] secret = new byte[32];
        random.nextBytes(secret);
        String token = TOKEN_PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        List<ApiToken> tokens = new ArrayList<>(u.tokens());
        tokens.add(new ApiToken(token.substring(0, 12), sha256(token), label == null ? "" : label,
                clock.instant().toString()));
        users.put(key(name), new User(u.name(), u.role(), u.passwordHash(), u.created(), tokens));
        save();
        return token;
    }

    /** Looks a bearer token up by its hash (constant-time compare per candidate). */
    synchronized Optional<Principal> authenticateToken(String token) {
        if (token == null || !token.startsWith(TOKEN_PREFIX)) {
            return Optional.empty();
        }
        byte[] presented = sha256(token).getBytes(StandardCharsets.US_ASCII);
        for (User u : users.values()) {
            for (ApiToken t : u.tokens()) {
                if (MessageDigest.isEqual(presented, t.sha256().getBytes(StandardCharsets.US_ASCII))) {
                    return Optional.of(new Principal(u.name(), u.role(), true));
                }
            }
        }
        return Optional.empty();
    }

    private static void checkPassword(String password) {
        if (password == null || password.length() < MIN_PASSWORD_LENGTH) {
            throw new IllegalArgumentException("password must have at least " + MIN_PASSWORD_LENGTH + " characters");
        }
    }

    private static String key(String name) {
        return name.toLowerCase(java.util.Locale.ROOT);
    }

    static String sha256(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private void load() {
        if (!Files.exists(file)) {
            return;
        }
        try {
            Stored stored = mapper.readValue(file.toFile(), Stored.class);
            for (StoredUser s : stored.users) {
                Role role = Role.parse(s.role).orElseThrow(() -> new IllegalStateException(
                        file + ": user " + s.name + " has unknown role " + s.role));
                List<ApiToken> tokens = new ArrayList<>();
                for (StoredToken t : s.tokens) {
                    tokens.add(new ApiToken(t.id, t.sha256, t.label, t.created));
                }
                users.put(key(s.name), new User(s.name, role, s.passwordHash, s.created, tokens));
            }
        } catch (IOException e) {
            // Refusing to start is safer than starting with no users and offering setup again.
            throw new UncheckedIOException("cannot read user file " + file, e);
        }
    }

    private void save() {
        Stored stored = new Stored();
        for (User u : users.values()) {
            StoredUser s = new StoredUser();
            s.name = u.name();
            s.role = u.role().wireName();
            s.passwordHash = u.passwordHash();
            s.created = u.created();
            for (ApiToken t : u.tokens()) {
                StoredToken st = new StoredToken();
                st.id = t.id();
                st.sha256 = t.sha256();
                st.label = t.label();
                st.created = t.created();
                s.tokens.add(st);
            }
            stored.users.add(s);
        }
        try {
            Files.createDirectories(file.getParent());
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            Files.write(tmp, mapper.writeValueAsBytes(stored));
            ownerOnly(tmp);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write user file " + file, e);
        }
    }

    static void ownerOnly(Path p) {
        try {
            Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException | IOException notPosix) {
            // Windows gate PCs: the data dir's ACL is the protection.
        }
    }

    static final class Stored {
        public List<StoredUser> users = new ArrayList<>();
    }

    static final class StoredUser {
        public String name;
        public String role;
        public String passwordHash;
        public String created;
        public List<StoredToken> tokens = new ArrayList<>();
    }

    static final class StoredToken {
        public String id;
        public String sha256;
        public String label;
        public String created;
    }
}
