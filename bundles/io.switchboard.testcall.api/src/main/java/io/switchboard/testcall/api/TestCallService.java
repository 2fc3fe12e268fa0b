package io.switchboard.testcall.api;

import java.util.List;
import java.util.Optional;

import org.osgi.annotation.versioning.ProviderType;

/** Test-call schedules, placing a test call now, and the results. Thread-safe. */
@ProviderType
public interface TestCallService {

    /** @return every schedule, from .cfg files and from the API */
    List<TestCallSchedule> schedules();

    Optional<TestCallSchedule> schedule(String name);

    /**
     * Adds or replaces a schedule of the API.
     *
     * @throws IllegalArgumentException naming what is wrong, or when a .cfg file defines it
     */
    TestCallSchedule saveSchedule(TestCallSchedule schedule);

    /** @return whether there was such a schedule; @throws IllegalArgumentException for one of a .cfg file */
    boolean deleteSchedule(String name);

    /**
     * Places a schedule's test call now and waits for its result (at most its answer and listening
     * time, and the calls queued before it: test calls go one at a time).
     *
     * @throws IllegalArgumentException when there is no such schedule
     */
    TestCallResult run(String name);

    /** @return a schedule's results, newest first */
    List<TestCallResult> results(String name, int limit);
}
