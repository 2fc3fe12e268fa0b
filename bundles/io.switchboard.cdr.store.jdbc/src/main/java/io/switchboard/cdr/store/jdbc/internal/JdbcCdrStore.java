package io.switchboard.cdr.store.jdbc.internal;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import io.switchboard.cdr.api.CallRecord;
import io.switchboard.cdr.api.CdrStore;
import io.switchboard.cdr.api.StoreResult;
import io.switchboard.store.api.Store;

/** Call records in the server's store (table {@code sb_cdr}, schema by this bundle's changelog). */
@Component
public class JdbcCdrStore implements CdrStore {

    static final String CHANGELOG = "db/io.switchboard.cdr.store.jdbc.changelog.xml";

    private final CdrTable table;

    @Activate
    public JdbcCdrStore(@Reference Store store, BundleContext context) {
        store.migrate(context.getBundle(), CHANGELOG);
        this.table = new CdrTable(store.dataSource());
    }

    @Override
    public StoreResult insert(List<CallRecord> records) {
        return table.insert(records);
    }

    @Override
    public StoreResult insert(List<CallRecord> records, Consumer<CallRecord> stored) {
        return table.insert(records, stored);
    }

    @Override
    public Optional<CallRecord> get(String id) {
        return table.get(id);
    }

    @Override
    public long count() {
        return table.count();
    }

    @Override
    public void scan(Consumer<List<CallRecord>> batches, int batchSize) {
        table.scan(batches, batchSize);
    }

    @Override
    public long countOlderThan(Instant instant) {
        return table.countOlderThan(instant);
    }

    @Override
    public List<String> deleteOlderThan(Instant instant) {
        return table.deleteOlderThan(instant);
    }
}
