package io.switchboard.platform.core.internal;

import java.util.Arrays;
import java.util.Collection;
import java.util.Dictionary;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleListener;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceReference;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.cm.ConfigurationPlugin;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.AttributeDefinition;
import org.osgi.service.metatype.MetaTypeInformation;
import org.osgi.service.metatype.MetaTypeService;
import org.osgi.service.metatype.ObjectClassDefinition;

/**
 * A list setting written as the documentation writes it, {@code blockedDestinations = +882, +883, +979}
 * in a {@code .cfg} file, reaches its component as the three entries. FileInstall reads such a line as
 * one string, and Declarative Services makes it a list of that one string, which a component then
 * refused as one bad entry (and ran without a blocklist) or took as one odd entry. Here, before any
 * component sees its configuration, a list attribute (a String with a cardinality in the settings'
 * Metatype description) that came as one string with commas is split at them, for every bundle's
 * settings and plugins' alike, in one place.
 *
 * <p>The launcher starts this bundle with Configuration Admin, before the bundles whose components
 * read settings, so no component ever sees the unsplit form.
 */
@Component
public class ListSettings implements ConfigurationPlugin {

    private final MetaTypeService metatype;
    private final BundleContext context;
    /** The list attributes of each PID and factory PID, forgotten when bundles come and go. */
    private final Map<String, Set<String>> lists = new ConcurrentHashMap<>();
    private final BundleListener forget = event -> lists.clear();

    @Activate
    public ListSettings(BundleContext context, @Reference MetaTypeService metatype) {
        this.context = context;
        this.metatype = metatype;
        context.addBundleListener(forget);
    }

    @Deactivate
    void deactivate() {
        context.removeBundleListener(forget);
    }

    @Override
    public void modifyConfiguration(ServiceReference<?> reference, Dictionary<String, Object> properties) {
        Object factory = properties.get(ConfigurationAdmin.SERVICE_FACTORYPID);
        Object pid = factory != null ? factory : properties.get(Constants.SERVICE_PID);
        if (!(pid instanceof String id)) {
            return;
        }
        for (String key : lists.computeIfAbsent(id, this::listAttributes)) {
            Object value = properties.get(key);
            String[] entries = value == null ? null : split(value);
            if (entries != null) {
                properties.put(key, entries);
            }
        }
    }

    /** @return the entries of a list written as one string with commas, else null (the value stays) */
    static String[] split(Object value) {
        Object one = value;
        if (value instanceof String[] array && array.length == 1) {
            one = array[0];
        } else if (value instanceof Collection<?> c && c.size() == 1) {
            one = c.iterator().next();
        }
        if (!(one instanceof String text) || text.indexOf(',') < 0) {
            return null;
        }
        return Arrays.stream(text.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toArray(String[]::new);
    }

    private Set<String> listAttributes(String pid) {
        Set<String> ids = new HashSet<>();
        for (Bundle bundle : context.getBundles()) {
            MetaTypeInformation info = metatype.getMetaTypeInformation(bundle);
            if (info == null || !(contains(info.getPids(), pid) || contains(info.getFactoryPids(), pid))) {
                continue;
            }
            ObjectClassDefinition ocd = info.getObjectClassDefinition(pid, null);
            AttributeDefinition[] attributes = ocd == null ? null
                    : ocd.getAttributeDefinitions(ObjectClassDefinition.ALL);
            for (AttributeDefinition a : attributes == null ? new AttributeDefinition[0] : attributes) {
                if (a.getType() == AttributeDefinition.STRING && a.getCardinality() != 0) {
                    ids.add(a.getID());
                }
            }
        }
        return Set.copyOf(ids);
    }

    private static boolean contains(String[] pids, String pid) {
        return pids != null && Arrays.asList(pids).contains(pid);
    }
}
