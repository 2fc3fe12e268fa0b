package io.switchboard.platform.api;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.osgi.service.component.annotations.ComponentPropertyType;

/**
 * Component property type that sets the {@link Plugins} properties on a DS component:
 * {@code @PluginInfo(name = "acme-uk-dialplan", vendor = "Acme")}.
 */
@ComponentPropertyType
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.TYPE)
public @interface PluginInfo {

    /** Makes {@code name()} the property {@value Plugins#NAME}. */
    String PREFIX_ = Plugins.PREFIX;

    /** @return the plugin's unique name */
    String name();

    /** @return the vendor's name */
    String vendor() default "";

    /** @return a one-sentence description */
    String description() default "";
}
