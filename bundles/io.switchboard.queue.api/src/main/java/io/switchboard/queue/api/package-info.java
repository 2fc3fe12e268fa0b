/**
 * Call queues: callers held in line for a team of agents, the agents' states, and the live figures of a wallboard,
 * for the management API, the console and plugins.
 */
package io.switchboard.queue.api;
