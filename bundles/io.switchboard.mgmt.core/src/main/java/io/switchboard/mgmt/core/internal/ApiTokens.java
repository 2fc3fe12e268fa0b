package io.switchboard.mgmt.core.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import io.switchboard.mgmt.api.Role;
import io.switchboard.mgmt.core.internal.TokenTable.Row;
import io.switchboard.mgmt.core.internal.TokenTable.Token;
import io.switchboard.store.api.Store;

/**
 * API tokens for integrations (a CRM, a helpdesk): each with its scopes, made by an admin and shown
 * once. A token is {@code sbt_<id>_<secret>}: the id finds its row, the secret's SHA-256 is all the
 * store keeps. A hash without salt or stretching will do because the secret is 256 random bits, not
 * a password a person chose; it also keeps each request's check to a microsecond.
 */
@Component(service = ApiTokens.class, immediate = true)
public class ApiTokens {

    static final String PREFIX = "sbt_";
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._@-]{1,48}");
    private static final Pattern SHAPE = Pattern.compile("sbt_([0-9a-f]{16})_([0-9a-f]{64})");
    /** How stale a token's last use may be before it is written again: no write per request. */
    private static final Duration USE_GRAIN = Duration.ofMinutes(1);
    private static final int MAX_DAYS = 3650;

    private final TokenTable table;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    @Activate
    public ApiTokens(@Reference Store store, BundleContext context) {
        this(store, Clock.systemUTC());
        store.migrate(context.getBundle(), Accounts.CHANGELOG);
    }

    ApiTokens(Store store, Clock clock) {
        this.table = new TokenTable(store);
        this.clock = clock;
    }

    /** A token just made, with the one copy of its secret there will ever be. */
    record Issued(Token token, String value) {
    }

    /**
     * @param days how long the token lives, or null for as long as it is not deleted
     * @throws IllegalArgumentException when the name, scopes or days will not do, or the name is taken
     */
    synchronized Issued create(String name, Collection<TokenScope> scopes, Integer days, String byWhom) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("Invalid token name '" + ManagementContext.loggable(String.valueOf(name))
                    + "': 1 to 48 letters, digits or . _ @ -");
        }
        if (scopes == null || scopes.isEmpty()) {
            throw new IllegalArgumentException("A token needs at least one scope: " + String.join(", ",
                    EnumSet.allOf(TokenScope.class).stream().map(TokenScope::id).toList()));
        }
        if (days != null && (days < 1 || days > MAX_DAYS)) {
            throw new IllegalArgumentException("Invalid expiresDays " + days + ": 1 to " + MAX_DAYS + ", or none");
        }
        if (table.byName(name).isPresent()) {
            throw new IllegalArgumentException("Token '" + name + "' exists already; delete it to make a new one");
        }
        byte[] id = new byte[8];
        byte[] secret = new byte[32];
        random.nextBytes(id);
        random.nextBytes(secret);
        String idHex = HexFormat.of().formatHex(id);
        String secretHex = HexFormat.of().formatHex(secret);
        OffsetDateTime now = now();
        Token token = new Token(idHex, name, List.copyOf(EnumSet.copyOf(scopes)), byWhom, now,
                days == null ? null : now.plusDays(days), null, null);
        table.insert(token, sha256(secretHex));
        return new Issued(token, PREFIX + idHex + "_" + secretHex);
    }

    List<Token> all() {
        return table.all().stream().map(Row::token).toList();
    }

    Optional<Token> find(String name) {
        return table.byName(name).map(Row::token);
    }

    boolean delete(String name) {
        return table.delete(name);
    }

    /** @return whether the header's credentials are a token's, so that only tokens are judged here */
    static boolean looksLikeToken(String presented) {
        return presented != null && presented.startsWith(PREFIX);
    }

    /**
     * @param presented what followed {@code Bearer} in the request
     * @param address the client's address, kept as the token's last
     * @return the token when the value is a live one's, else empty (unknown, wrong secret, expired)
     */
    Optional<Token> verify(String presented, String address) {
        var m = SHAPE.matcher(presented.trim());
        if (!m.matches()) {
            return Optional.empty();
        }
        Optional<Row> row = table.byId(m.group(1));
        byte[] wanted = row.map(Row::secretHash).orElse("0".repeat(64)).getBytes(StandardCharsets.US_ASCII);
        boolean same = MessageDigest.isEqual(wanted, sha256(m.group(2)).getBytes(StandardCharsets.US_ASCII));
        if (row.isEmpty() || !same) {
            return Optional.empty();
        }
        Token token = row.get().token();
        OffsetDateTime now = now();
        if (token.expires() != null && !now.isBefore(token.expires())) {
            return Optional.empty();
        }
        if (token.lastUsed() == null || token.lastUsed().isBefore(now.minus(USE_GRAIN))
                || !address.equals(token.lastAddress())) {
            table.used(token.id(), now, address);
        }
        return Optional.of(token);
    }

    /** @return the highest role any of the token's requests may carry, as the token's listing shows it */
    static Role role(Token token) {
        return token.scopes().stream().map(TokenScope::role).max(Enum::compareTo).orElse(Role.VIEWER);
    }

    /**
     * The token's rights are the union of its scopes' rules, path by path: a request carries the
     * highest role among the scopes that open this very request, so that a scope that changes things
     * ({@code calls}) lends no operator's rights to what another ({@code read}) opens, such as a
     * search of what messages say or one that reads the whole index.
     *
     * @return the role the request carries, or empty when no scope opens it
     */
    static Optional<Role> role(Token token, String method, String path) {
        return token.scopes().stream().filter(s -> s.allows(method, path)).map(TokenScope::role)
                .max(Enum::compareTo);
    }

    /** @return whether some scope of the token lets it make this request */
    static boolean allows(Token token, String method, String path) {
        return role(token, method, path).isPresent();
    }

    private OffsetDateTime now() {
        return OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC).truncatedTo(ChronoUnit.MILLIS);
    }

    private static String sha256(String secret) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(secret.getBytes(StandardCharsets.US_ASCII)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
