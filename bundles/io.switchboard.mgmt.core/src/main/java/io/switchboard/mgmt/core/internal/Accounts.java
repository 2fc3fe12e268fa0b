package io.switchboard.mgmt.core.internal;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;

import io.switchboard.mgmt.api.Role;
import io.switchboard.mgmt.core.internal.AccountStore.Account;
import io.switchboard.store.api.Store;

/**
 * The accounts that may use the management API, kept in the store ({@code sb_account}) with
 * PBKDF2 hashes only. Verified credentials are remembered for a short while by a keyed digest so
 * that API calls do not each pay for PBKDF2; any change to an account forgets them. There is
 * always at least one admin. Every PBKDF2 of a request, a login's or a new password's, runs within
 * the cap on hashings at once; a login as a name without an account waits as long as a real check
 * takes ({@link HashTimings}) without hashing.
 */
@Component(service = Accounts.class, immediate = true, configurationPid = ManagementConfig.PID,
        configurationPolicy = ConfigurationPolicy.REQUIRE)
@Designate(ocd = ManagementConfig.class)
public class Accounts {

    static final String CHANGELOG = "db/io.switchboard.mgmt.core.changelog.xml";
    private static final Logger LOG = System.getLogger(Accounts.class.getName());
    private static final long CACHE_MILLIS = 5 * 60_000L;
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._@-]{1,64}");

    private record Verified(long untilMillis, Role role) {
    }

    private final AccountStore table;
    private final PasswordHasher hasher;
    private final byte[] cacheKey = PasswordHasher.generate().getBytes(StandardCharsets.UTF_8);
    private final Map<String, Verified> verified = new ConcurrentHashMap<>();
    private final Semaphore hashings = new Semaphore(Math.max(1, Runtime.getRuntime().availableProcessors() / 2));
    private static final long HASHING_WAIT_MILLIS = 2_000;
    /** How old the newest real duration may be before a name without an account hashes for real. */
    private static final long TIMING_REFRESH_NANOS = TimeUnit.SECONDS.toNanos(5);
    private final HashTimings timings = new HashTimings(TIMING_REFRESH_NANOS, System::nanoTime);
    /** Checked against, for real, by the few names without an account that keep the timings current. */
    private final CompletableFuture<String> unknownHash;
    /** After the start's busiest seconds. */
    private static final long UNKNOWN_HASH_DELAY_SECONDS = 10;

    @Activate
    public Accounts(@Reference Store store, BundleContext context, ManagementConfig config) {
        this(store, new PasswordHasher(PasswordHasher.DEFAULT_ITERATIONS));
        store.migrate(context.getBundle(), CHANGELOG);
        String configured = config._adminPassword();
        if (configured.isEmpty() && !config.adminPassword().isEmpty()) {
            LOG.log(Level.WARNING, "Setting adminPassword in " + ManagementConfig.PID + " is visible to every bundle "
                    + "through the service registry: rename it .adminPassword");
            configured = config.adminPassword();
        }
        ensureAdmin(config.adminUser(), configured, System.getenv(ManagementConfig.ADMIN_PASSWORD_ENV));
    }

    Accounts(Store store, PasswordHasher hasher) {
        this.table = new AccountStore(store);
        this.hasher = hasher;
        // made after the start, not in its way (a third of a second of CPU); a check that needs it sooner makes it
        this.unknownHash = new CompletableFuture<>();
        CompletableFuture.delayedExecutor(UNKNOWN_HASH_DELAY_SECONDS, TimeUnit.SECONDS,
                task -> Thread.ofPlatform().daemon().name("switchboard-unknown-hash").start(task))
                .execute(() -> {
                    if (!unknownHash.isDone()) { // else a login made it already
                        unknownHash.complete(hasher.hash(PasswordHasher.generate()));
                    }
                });
    }

    /**
     * Creates the admin account on the first start, with the configured password, else the one
     * from the environment, else a generated one shown once. Later starts leave its password alone,
     * except that a password in the settings (the console's own local server keeps one there) is
     * set again: the environment of a container outlives a password changed through the API.
     *
     * @return the generated password when one was generated, so it can be shown once
     */
    Optional<String> ensureAdmin(String user, String configured, String fromEnvironment) {
        boolean inSettings = configured != null && !configured.isEmpty();
        boolean inEnvironment = fromEnvironment != null && !fromEnvironment.isEmpty();
        Optional<String> hash = table.credentials(user).map(AccountStore.Credentials::hash);
        if (hash.isPresent()) {
            if (inSettings && !PasswordHasher.verify(configured, hash.get())) {
                table.setHash(user, hasher.hash(configured));
                LOG.log(Level.WARNING, "Password of account ''{0}'' set from the setting adminPassword of {1}, "
                        + "as at every start while it is set", user, ManagementConfig.PID);
            } else if (!inSettings && inEnvironment) {
                LOG.log(Level.INFO, "{0} ignored: account ''{1}'' exists, and the variable only sets the password "
                        + "of the first start", ManagementConfig.ADMIN_PASSWORD_ENV, user);
            }
            return Optional.empty();
        }
        String password = inSettings ? configured : inEnvironment ? fromEnvironment : PasswordHasher.generate();
        if (!table.insertIfAbsent(user, hasher.hash(password), Role.ADMIN)) {
            LOG.log(Level.INFO, "Account ''{0}'' made meanwhile by another server on this database", user);
            return Optional.empty();
        }
        if (inSettings || inEnvironment) {
            LOG.log(Level.INFO, "Account ''{0}'' created with the password of {1}", user,
                    inSettings ? "the setting adminPassword" : ManagementConfig.ADMIN_PASSWORD_ENV);
            return Optional.empty();
        }
        // Shown once on the console, deliberately not through the logger: log files keep no secrets.
        System.out.printf("%n  Switchboard created the account '%s' with the password%n%n      %s%n%n"
                + "  It is shown only this once. Change it with PUT /api/v1/account/password,%n"
                + "  or set %s before the first start.%n%n", user, password, ManagementConfig.ADMIN_PASSWORD_ENV);
        System.out.flush();
        LOG.log(Level.WARNING, "Account ''{0}'' created with a generated password (shown on the console once)",
                user);
        return Optional.of(password);
    }

    /**
     * @return the account's role when these credentials were verified within the last minutes: no
     *         hashing, so it may be asked before any login budget is looked at
     */
    Optional<Role> remembered(String user, String password) {
        Verified hit = verified.get(cacheKey(user, password));
        return hit != null && hit.untilMillis() > System.currentTimeMillis() ? Optional.of(hit.role())
                : Optional.empty();
    }

    /**
     * @return the account's role when the name and password belong to it
     * @throws Busy when too many hashings are running already
     */
    Optional<Role> authenticate(String user, String password) throws Busy {
        Optional<Role> remembered = remembered(user, password);
        if (remembered.isPresent()) {
            return remembered;
        }
        Optional<AccountStore.Credentials> stored = table.credentials(user);
        if (!verify(password, stored)) {
            return Optional.empty();
        }
        String hash = stored.get().hash();
        if (PasswordHasher.iterations(hash) < hasher.iterations()) {
            // made when fewer iterations were enough: made again now that the password is at hand
            table.setHash(user, hash(password));
            LOG.log(Level.INFO, "Password hash of account ''{0}'' renewed with {1} iterations", user,
                    hasher.iterations());
        }
        Role role = stored.get().role();
        verified.put(cacheKey(user, password), new Verified(System.currentTimeMillis() + CACHE_MILLIS, role));
        return Optional.of(role);
    }

    /** @return whether the password is the account's, hashed within the cap like a login */
    boolean isPassword(String user, String password) throws Busy {
        return verify(password, table.credentials(user));
    }

    /**
     * PBKDF2 costs a core for a third of a second: a few at once, the rest refused rather than queued.
     * A name without an account takes a slot as long as a real check would, so that neither its time
     * nor a 503 while others hash tells it apart, but spends no CPU in it.
     *
     * @return whether there is such an account and the password is its
     */
    private boolean verify(String password, Optional<AccountStore.Credentials> stored) throws Busy {
        acquire();
        try {
            if (stored.isEmpty()) {
                long wait = timings.imitation();
                if (wait >= 0) {
                    Thread.sleep(Duration.ofNanos(wait));
                    return false;
                }
            }
            if (stored.isEmpty() && !unknownHash.isDone()) {
                // making the hash costs what checking against it would: this check is that work
                long t0 = System.nanoTime();
                unknownHash.complete(hasher.hash(PasswordHasher.generate()));
                timings.record(System.nanoTime() - t0);
                return false;
            }
            String hash = stored.map(AccountStore.Credentials::hash).orElseGet(unknownHash::join);
            long t0 = System.nanoTime();
            boolean same = PasswordHasher.verify(password, hash);
            if (PasswordHasher.iterations(hash) == hasher.iterations()) {
                timings.record(System.nanoTime() - t0);
            }
            return same && stored.isPresent();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Busy();
        } finally {
            hashings.release();
        }
    }

    /** @return a new hash of the password, made within the cap like a login's check */
    private String hash(String password) throws Busy {
        acquire();
        try {
            return hasher.hash(password);
        } finally {
            hashings.release();
        }
    }

    private void acquire() throws Busy {
        try {
            if (!hashings.tryAcquire(HASHING_WAIT_MILLIS, TimeUnit.MILLISECONDS)) {
                throw new Busy();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Busy();
        }
    }

    /**
     * Too many password hashings are running: try again in a moment. Unchecked, so that a change of an
     * account's password, which hashes too, can throw it through the servlets' callers.
     */
    static final class Busy extends RuntimeException {
        private static final long serialVersionUID = 1L;
    }

    List<Account> accounts() {
        return table.all();
    }

    Optional<Account> account(String name) {
        return table.find(name);
    }

    /** @throws IllegalArgumentException when the name, role or password will not do, or the name is taken */
    synchronized Account create(String name, Role role, String password) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("Invalid account name '" + ManagementContext.loggable(String.valueOf(name))
                    + "': 1 to 64 letters, digits or . _ @ -");
        }
        if (table.find(name).isPresent()) {
            throw new IllegalArgumentException("Account '" + name + "' exists already");
        }
        table.insert(name, hash(checked(password)), role);
        return table.find(name).orElseThrow();
    }

    /**
     * Changes an account's role, its password, or both (null: unchanged).
     *
     * @return the account, or empty when there is none of that name
     */
    synchronized Optional<Account> change(String name, Role role, String password) {
        Optional<Account> old = table.find(name);
        if (old.isEmpty()) {
            return old;
        }
        if (role != null && role != Role.ADMIN && old.get().role() == Role.ADMIN) {
            keepAnAdmin(name);
        }
        String hash = password == null ? null : hash(checked(password));
        if (role != null) {
            table.setRole(name, role);
        }
        if (hash != null) {
            table.setHash(name, hash);
        }
        verified.clear();
        return table.find(name);
    }

    void setPassword(String user, String password) {
        if (change(user, null, password).isEmpty()) {
            throw new IllegalArgumentException("No account '" + user + "'");
        }
    }

    /** @return whether there was such an account */
    synchronized boolean delete(String name, String byWhom) {
        if (name.equals(byWhom)) {
            throw new IllegalArgumentException("An account cannot delete itself; another admin can");
        }
        Optional<Account> old = table.find(name);
        if (old.isEmpty()) {
            return false;
        }
        if (old.get().role() == Role.ADMIN) {
            keepAnAdmin(name);
        }
        verified.clear();
        return table.delete(name);
    }

    private void keepAnAdmin(String leaving) {
        if (table.all().stream().noneMatch(a -> a.role() == Role.ADMIN && !a.name().equals(leaving))) {
            throw new IllegalArgumentException("'" + leaving + "' is the last admin; make another account admin first");
        }
    }

    private static String checked(String password) {
        if (password == null || password.length() < 12) {
            throw new IllegalArgumentException("The password must have at least 12 characters");
        }
        return password;
    }

    private String cacheKey(String user, String password) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(cacheKey);
            sha.update(user.getBytes(StandardCharsets.UTF_8));
            sha.update((byte) 0);
            sha.update(password.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
