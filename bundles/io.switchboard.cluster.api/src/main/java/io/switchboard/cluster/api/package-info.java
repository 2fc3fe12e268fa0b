/**
 * The servers that share one database: each one's name, health, load and version, and the event
 * posted when one is lost, so that another takes over what it left (its calls' records).
 */
package io.switchboard.cluster.api;
