package io.switchboard.sip.api.schedule;

/**
 * One line of weekly hours.
 *
 * @param days the days it holds: "mon-fri", "sat,sun", "mon,wed-fri"; null or blank for every day
 * @param from opening time "HH:MM", or null with {@code to} null for the whole day
 * @param to closing time "HH:MM" ("24:00" for midnight); earlier than {@code from} runs over midnight
 *            into the next day
 */
public record OpenHours(String days, String from, String to) {
}
