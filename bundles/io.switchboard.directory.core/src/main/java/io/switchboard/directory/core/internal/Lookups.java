package io.switchboard.directory.core.internal;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.osgi.framework.ServiceReference;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.metatype.annotations.Designate;

import io.switchboard.directory.api.Contact;
import io.switchboard.directory.api.ContactDirectory;
import io.switchboard.directory.api.ContactLookup;

/**
 * Asks the contact directories on threads of its own, by descending ranking, and remembers the
 * answers. A caller waits at most {@code answerMillis}; the lookup goes on past that and fills
 * the cache for the next call. Lookups beyond the threads and their queue are not made at all, so
 * that a hung directory costs a few threads and never the calls.
 */
@Component(service = { ContactLookup.class, Lookups.class }, configurationPid = DirectorySettings.PID)
@Designate(ocd = DirectorySettings.class)
public class Lookups implements ContactLookup {

    private static final Logger LOG = System.getLogger(Lookups.class.getName());
    private static final CompletableFuture<Optional<Contact>> NONE = CompletableFuture.completedFuture(Optional.empty());

    private final Map<ServiceReference<ContactDirectory>, ContactDirectory> directories = new ConcurrentSkipListMap<>(
            Comparator.reverseOrder());
    private final Map<String, CompletableFuture<Optional<Contact>>> asking = new ConcurrentHashMap<>();
    private final AtomicLong hits = new AtomicLong();
    private final AtomicLong asked = new AtomicLong();
    private final AtomicLong found = new AtomicLong();
    private final AtomicLong late = new AtomicLong();
    private final AtomicLong failures = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();
    private volatile DirectorySettings settings;
    private volatile AnswerCache cache;
    private final ThreadPoolExecutor pool;

    @Activate
    public Lookups(DirectorySettings settings) {
        this.settings = settings;
        this.cache = new AnswerCache(settings.cacheSize());
        AtomicInteger n = new AtomicInteger();
        int threads = Math.max(1, settings.threads());
        this.pool = new ThreadPoolExecutor(threads, threads, 60, TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(Math.max(1, settings.queue())),
                r -> Thread.ofPlatform().daemon().name("switchboard-directory-" + n.incrementAndGet()).unstarted(r));
    }

    @Modified
    void modified(DirectorySettings s) {
        this.settings = s;
        this.cache = new AnswerCache(s.cacheSize()); // the old answers may have been kept under other rules
        pool.setMaximumPoolSize(Math.max(pool.getCorePoolSize(), Math.max(1, s.threads())));
        pool.setCorePoolSize(Math.max(1, s.threads()));
        pool.setMaximumPoolSize(Math.max(1, s.threads()));
    }

    @Deactivate
    void deactivate() {
        pool.shutdownNow(); // a directory stuck in I/O keeps its daemon thread; nothing waits for it
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addDirectory(ServiceReference<ContactDirectory> ref, ContactDirectory directory) {
        directories.put(ref, directory);
        cache.clear(); // a new directory may know what the others did not
    }

    void removeDirectory(ServiceReference<ContactDirectory> ref) {
        directories.remove(ref);
        cache.clear();
    }

    @Override
    public CompletableFuture<Optional<Contact>> lookup(String number) {
        if (number == null || number.isBlank() || directories.isEmpty()) {
            return NONE;
        }
        String key = number.strip();
        Optional<Contact> known = cache.get(key, System.nanoTime());
        if (known != null) {
            hits.incrementAndGet();
            return CompletableFuture.completedFuture(known);
        }
        CompletableFuture<Optional<Contact>> mine = new CompletableFuture<>();
        CompletableFuture<Optional<Contact>> pending = asking.putIfAbsent(key, mine);
        CompletableFuture<Optional<Contact>> answer = pending != null ? pending : mine;
        if (pending == null) {
            ask(key, mine);
        }
        if (answer.isDone()) {
            return answer;
        }
        CompletableFuture<Optional<Contact>> bounded = answer.copy()
                .completeOnTimeout(Optional.empty(), settings.answerMillis(), TimeUnit.MILLISECONDS);
        bounded.thenRun(() -> {
            if (!answer.isDone()) {
                late.incrementAndGet();
            }
        });
        return bounded;
    }

    /** Asks the directories for the number on a thread of the pool, or not at all when the pool is full. */
    private void ask(String number, CompletableFuture<Optional<Contact>> answer) {
        try {
            pool.execute(() -> {
                Optional<Contact> contact = Optional.empty();
                try {
                    asked.incrementAndGet();
                    contact = askEach(number);
                    DirectorySettings s = settings;
                    cache.put(number, contact, TimeUnit.SECONDS.toNanos(contact.isPresent() ? s.cacheSeconds()
                            : s.missSeconds()), System.nanoTime());
                } finally {
                    asking.remove(number, answer);
                    answer.complete(contact);
                }
            });
        } catch (RejectedExecutionException e) {
            dropped.incrementAndGet();
            asking.remove(number, answer);
            answer.complete(Optional.empty());
        }
    }

    private Optional<Contact> askEach(String number) {
        for (Map.Entry<ServiceReference<ContactDirectory>, ContactDirectory> d : directories.entrySet()) {
            try {
                Optional<Contact> c = d.getValue().find(number);
                if (c != null && c.isPresent()) {
                    found.incrementAndGet();
                    return c;
                }
            } catch (RuntimeException | LinkageError e) {
                failures.incrementAndGet();
                LOG.log(Level.WARNING, "Contact directory " + name(d.getKey()) + " failed to look a number up: " + e);
            }
        }
        return Optional.empty();
    }

    private static String name(ServiceReference<?> ref) {
        Object name = ref.getProperty(ContactDirectory.NAME);
        return name != null ? name.toString() : ref.getBundle().getSymbolicName();
    }

    /** @return the directories, in the order they are asked, and the lookups' counters */
    Map<String, Object> status() {
        List<Map<String, Object>> list = new ArrayList<>();
        for (ServiceReference<ContactDirectory> ref : directories.keySet()) {
            Map<String, Object> d = new LinkedHashMap<>();
            d.put("name", name(ref));
            d.put("bundle", ref.getBundle().getSymbolicName());
            d.put("ranking", ref.getProperty("service.ranking") instanceof Integer r ? r : 0);
            list.add(d);
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("directories", list);
        m.put("answerMillis", settings.answerMillis());
        m.put("cached", cache.size());
        m.put("cacheHits", hits.get());
        m.put("asked", asked.get());
        m.put("found", found.get());
        m.put("answeredLate", late.get());
        m.put("failures", failures.get());
        m.put("dropped", dropped.get());
        m.put("busyThreads", pool.getActiveCount());
        return m;
    }
}
