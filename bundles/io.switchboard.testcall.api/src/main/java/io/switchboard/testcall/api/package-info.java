/**
 * Synthetic test calls: schedules that have the server's own phone call through a trunk (or in on a
 * number back to itself) and check the answer, the audio path and its quality, and the results.
 */
package io.switchboard.testcall.api;
