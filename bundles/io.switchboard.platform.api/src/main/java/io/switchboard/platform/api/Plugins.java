package io.switchboard.platform.api;

/**
 * Service properties that mark a service as a Switchboard plugin.
 *
 * <p>Every plugin interface (number normalisers, CDR importers and exporters, routing policies,
 * dashboard widgets, ...) is registered by its vendor bundle with at least {@link #NAME}. The
 * platform tracks such services dynamically, lists them in the management API and, where several
 * plugins compete for the same job, asks them in {@code service.ranking} order (highest first,
 * then lowest {@code service.id}). Declare the properties with {@link PluginInfo} on a DS component.
 */
public final class Plugins {

    /** Prefix shared by all plugin properties. */
    public static final String PREFIX = "io.switchboard.plugin.";

    /** Short, unique, stable name of the plugin, for example {@code acme-uk-dialplan}. Required. */
    public static final String NAME = PREFIX + "name";

    /** Who made the plugin, for example {@code Acme Telecom}. */
    public static final String VENDOR = PREFIX + "vendor";

    /** One sentence for the admin saying what the plugin does. */
    public static final String DESCRIPTION = PREFIX + "description";

    /** LDAP filter that matches every plugin service. */
    public static final String FILTER = "(" + NAME + "=*)";

    private Plugins() {
    }
}
