package io.switchboard.emergency.api;

/**
 * Where a location applies: to a network (phones registering from it), a user, or a number.
 *
 * @param kind {@link #NETWORK}, {@link #USER} or {@link #NUMBER}
 * @param key a subnet in CIDR form ("10.1.2.0/24"), a user name, or a number in E.164 form
 * @param location the name of a {@link Location}
 */
public record Assignment(String kind, String key, String location) {

    public static final String NETWORK = "network";
    public static final String USER = "user";
    public static final String NUMBER = "number";
}
