package io.switchboard.console.ui.widgets;

import io.switchboard.mgmt.client.ManagementException;

/** A blocking call to the server, run by {@link ServerWork} in a job. */
@FunctionalInterface
public interface ServerCall<T> {

    T call() throws ManagementException;
}
