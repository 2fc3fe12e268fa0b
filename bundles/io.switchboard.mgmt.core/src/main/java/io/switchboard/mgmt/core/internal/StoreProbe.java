package io.switchboard.mgmt.core.internal;

import java.sql.Connection;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import javax.sql.DataSource;

/**
 * The health check's question to the database, answered within a bound: with the database gone, a
 * connection waits for the pool's whole timeout, and a load balancer's probe must hear DOWN before it
 * gives up on the server instead. One question at a time: probes that come while one is unanswered wait
 * on that one rather than taking more of the pool's threads.
 */
final class StoreProbe {

    private final long waitMillis;
    private CompletableFuture<String> asked;

    StoreProbe(long waitMillis) {
        this.waitMillis = waitMillis;
    }

    /** @return UP, or DOWN with the reason */
    String status(DataSource database) {
        CompletableFuture<String> answer = ask(database);
        try {
            return answer.get(waitMillis, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            return "DOWN: the database did not answer within " + waitMillis + " ms";
        } catch (ExecutionException e) {
            return "DOWN: " + e.getCause().getMessage();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "DOWN: interrupted";
        }
    }

    private synchronized CompletableFuture<String> ask(DataSource database) {
        if (asked == null || asked.isDone()) {
            asked = CompletableFuture.supplyAsync(() -> check(database),
                    task -> Thread.ofPlatform().daemon().name("switchboard-health-store").start(task));
        }
        return asked;
    }

    private static String check(DataSource database) {
        try (Connection c = database.getConnection()) {
            return c.isValid(2) ? "UP" : "DOWN: connection not valid";
        } catch (Exception e) {
            return "DOWN: " + e.getMessage();
        }
    }
}
