package io.switchboard.mgmt.core.internal;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.AttributeDefinition;
import org.osgi.service.metatype.MetaTypeInformation;
import org.osgi.service.metatype.MetaTypeService;
import org.osgi.service.metatype.ObjectClassDefinition;

import io.switchboard.mgmt.api.ManagementApi;
import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * {@code GET /api/v1/settings}: every setting the running server's bundles describe (their
 * Metatype, generated from the settings' annotations), by PID: what may go in {@code etc/PID.cfg},
 * each attribute's type, default, choices and description, and whether it is a secret.
 * {@code GET /api/v1/settings/{pid}} gives one. Nothing here reads the configured values, so no
 * secret can leak through it.
 */
@Component(service = Servlet.class, property = {
        "osgi.http.whiteboard.context.select=" + ManagementApi.CONTEXT_SELECT,
        "osgi.http.whiteboard.servlet.pattern=/settings", "osgi.http.whiteboard.servlet.pattern=/settings/*" })
public class SettingsServlet extends JsonServlet {

    private static final long serialVersionUID = 1L;
    private final transient BundleContext context;
    private final transient MetaTypeService metatype;

    @Activate
    public SettingsServlet(BundleContext context, @Reference MetaTypeService metatype) {
        this.context = context;
        this.metatype = metatype;
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Map<String, Map<String, Object>> all = describeAll();
        String pid = request.getPathInfo() == null || request.getPathInfo().equals("/") ? null
                : request.getPathInfo().substring(1);
        if (pid == null) {
            Json.write(response, 200, List.copyOf(all.values()));
        } else if (all.containsKey(pid)) {
            Json.write(response, 200, all.get(pid));
        } else {
            Json.error(response, 404, "No settings " + pid + " (GET /api/v1/settings lists them)");
        }
    }

    private Map<String, Map<String, Object>> describeAll() {
        Map<String, Map<String, Object>> all = new TreeMap<>();
        for (Bundle b : context.getBundles()) {
            MetaTypeInformation info = metatype.getMetaTypeInformation(b);
            if (info == null) {
                continue;
            }
            for (String pid : info.getPids()) {
                all.put(pid, describe(b, pid, false, info.getObjectClassDefinition(pid, null)));
            }
            for (String pid : info.getFactoryPids()) {
                all.put(pid, describe(b, pid, true, info.getObjectClassDefinition(pid, null)));
            }
        }
        return all;
    }

    private static Map<String, Object> describe(Bundle bundle, String pid, boolean factory, ObjectClassDefinition ocd) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("pid", pid);
        d.put("factory", factory);
        d.put("name", ocd.getName());
        d.put("description", ocd.getDescription());
        d.put("bundle", bundle.getSymbolicName());
        d.put("file", "etc/" + pid + (factory ? "-NAME" : "") + ".cfg");
        List<Map<String, Object>> attributes = new ArrayList<>();
        AttributeDefinition[] required = ocd.getAttributeDefinitions(ObjectClassDefinition.REQUIRED);
        List<String> requiredIds = required == null ? List.of()
                : Arrays.stream(required).map(AttributeDefinition::getID).toList();
        AttributeDefinition[] defs = ocd.getAttributeDefinitions(ObjectClassDefinition.ALL);
        for (AttributeDefinition a : defs == null ? new AttributeDefinition[0] : defs) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", a.getID());
            m.put("name", a.getName());
            m.put("description", a.getDescription());
            m.put("type", type(a.getType()));
            m.put("secret", a.getType() == AttributeDefinition.PASSWORD);
            m.put("required", requiredIds.contains(a.getID()));
            m.put("list", a.getCardinality() != 0);
            String[] defaults = a.getDefaultValue();
            m.put("defaultValue", defaults == null ? null : a.getCardinality() == 0 && defaults.length == 1 ? defaults[0]
                    : List.of(defaults));
            if (a.getOptionValues() != null) {
                Map<String, String> options = new LinkedHashMap<>();
                for (int i = 0; i < a.getOptionValues().length; i++) {
                    options.put(a.getOptionValues()[i], a.getOptionLabels()[i]);
                }
                m.put("options", options);
            }
            attributes.add(m);
        }
        d.put("attributes", attributes);
        return d;
    }

    private static String type(int type) {
        return switch (type) {
            case AttributeDefinition.STRING -> "string";
            case AttributeDefinition.LONG -> "long";
            case AttributeDefinition.INTEGER -> "integer";
            case AttributeDefinition.SHORT -> "short";
            case AttributeDefinition.CHARACTER -> "character";
            case AttributeDefinition.BYTE -> "byte";
            case AttributeDefinition.DOUBLE -> "double";
            case AttributeDefinition.FLOAT -> "float";
            case AttributeDefinition.BOOLEAN -> "boolean";
            case AttributeDefinition.PASSWORD -> "password";
            default -> "string";
        };
    }
}
