package io.switchboard.sip.core.internal.call;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Proxy;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.Test;

import io.switchboard.cdr.api.CallRecord;
import io.switchboard.cdr.api.CdrService;
import io.switchboard.cdr.api.Disposition;
import io.switchboard.cdr.api.StoreResult;

/**
 * The hand-off of the switch's call records: records that come within the linger go to the CDR
 * service together, in order, and none is lost at close. The CDR service here only records the
 * batches it gets (its storing is tested in the CDR bundles).
 */
class CallRecordsTest {

    private final List<List<String>> batches = new CopyOnWriteArrayList<>();
    private volatile boolean failing;

    @Test
    void recordsWithinTheLingerShareOneBatch() throws Exception {
        CallRecords records = new CallRecords(300);
        records.attach(service());
        for (int i = 0; i < 50; i++) {
            records.add(record("c" + i));
        }
        waitFor(records, 50);
        records.close();
        assertEquals(List.of(ids(0, 50)), batches, "one batch: the first record waited for the other 49");
    }

    @Test
    void aFailedStoreIsRetriedAndTheRestIsStoredAtClose() throws Exception {
        CallRecords records = new CallRecords(0);
        failing = true;
        records.add(record("c0"));
        records.attach(service());
        Thread.sleep(300);
        assertEquals(0, records.handed(), "the store failed, nothing was handed");
        assertEquals(1, records.pending(), "the record waits for the next attempt");
        failing = false;
        records.add(record("c1"));
        records.close();
        List<String> all = new ArrayList<>();
        batches.forEach(all::addAll);
        assertEquals(ids(0, 2), all, "both records, in order, stored once");
        assertEquals(2, records.handed());
    }

    @Test
    void aRecordTheStoreRefusesNeverHoldsBackTheOthers() throws Exception {
        CallRecords records = new CallRecords(100);
        records.attach(service());
        records.add(record("c0"));
        records.add(record("poison"));
        records.add(record("c1"));
        waitFor(records, 2);
        records.add(record("c2"));
        waitFor(records, 3);
        records.close();
        List<String> all = new ArrayList<>();
        batches.forEach(all::addAll);
        assertEquals(ids(0, 3), all, "every good record stored once, in order");
        assertEquals(1, records.refused());
        assertEquals(0, records.pending(), "nothing left to retry for ever");
    }

    private static void waitFor(CallRecords records, int handed) throws InterruptedException {
        for (int i = 0; i < 100 && records.handed() < handed; i++) {
            Thread.sleep(50);
        }
        assertTrue(records.handed() >= handed, "handed " + records.handed() + " of " + handed);
    }

    private static List<String> ids(int from, int to) {
        List<String> ids = new ArrayList<>();
        for (int i = from; i < to; i++) {
            ids.add("c" + i);
        }
        return ids;
    }

    private CdrService service() {
        return (CdrService) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] { CdrService.class },
                (proxy, method, args) -> {
                    if (!method.getName().equals("store")) {
                        throw new UnsupportedOperationException(method.getName());
                    }
                    if (failing) {
                        throw new IllegalStateException("store down");
                    }
                    @SuppressWarnings("unchecked")
                    List<CallRecord> batch = (List<CallRecord>) args[0];
                    if (batch.stream().anyMatch(r -> r.sourceId().equals("poison"))) {
                        throw new IllegalStateException("value too long for column CALLEE");
                    }
                    batches.add(batch.stream().map(CallRecord::sourceId).toList());
                    return new StoreResult(batch.size(), 0, List.of());
                });
    }

    private static CallRecord record(String sourceId) {
        return new CallRecord(null, "switchboard", sourceId, List.of(), Instant.parse("2026-11-01T00:00:00Z"), null,
                null, null, 0, "1", null, null, "2", null, null, null, null, null, Disposition.FAILED, 503, null, null,
                null, null, null, null);
    }
}
