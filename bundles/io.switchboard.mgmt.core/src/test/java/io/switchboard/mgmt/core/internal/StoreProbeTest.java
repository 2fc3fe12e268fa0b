package io.switchboard.mgmt.core.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLTransientConnectionException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;

class StoreProbeTest {

    @Test
    void aDatabaseThatDoesNotAnswerIsDownWithinTheBoundAndAskedOnce() throws Exception {
        CountDownLatch never = new CountDownLatch(1);
        AtomicInteger asked = new AtomicInteger();
        DataSource hanging = dataSource(() -> {
            asked.incrementAndGet();
            never.await(); // the pool waiting for a database that is gone
            return null;
        });
        StoreProbe probe = new StoreProbe(200);
        long t0 = System.nanoTime();
        assertEquals("DOWN: the database did not answer within 200 ms", probe.status(hanging));
        assertEquals("DOWN: the database did not answer within 200 ms", probe.status(hanging));
        assertTrue(System.nanoTime() - t0 < 5_000_000_000L, "answered within the bound, twice");
        assertEquals(1, asked.get(), "the second probe waited on the first question");
        never.countDown();
    }

    @Test
    void aRefusedConnectionIsDownWithItsReason() {
        DataSource refusing = dataSource(() -> {
            throw new SQLTransientConnectionException("Connection refused");
        });
        assertEquals("DOWN: Connection refused", new StoreProbe(2_000).status(refusing));
    }

    @Test
    void aValidConnectionIsUp() {
        Connection valid = (Connection) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] { Connection.class }, (proxy, method, args) -> switch (method.getName()) {
                    case "isValid" -> true;
                    default -> null;
                });
        assertEquals("UP", new StoreProbe(2_000).status(dataSource(() -> valid)));
    }

    private interface Opening {
        Connection open() throws Exception;
    }

    private DataSource dataSource(Opening opening) {
        return (DataSource) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] { DataSource.class },
                (proxy, method, args) -> method.getName().equals("getConnection") ? opening.open() : null);
    }
}
