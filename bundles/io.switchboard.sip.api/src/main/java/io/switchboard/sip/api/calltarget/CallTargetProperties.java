package io.switchboard.sip.api.calltarget;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.osgi.service.component.annotations.ComponentPropertyType;

/** The service properties of a {@link CallTarget} component: {@code @CallTargetProperties(target = "voicemail")}. */
@ComponentPropertyType
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.TYPE)
public @interface CallTargetProperties {

    /** Names the properties {@code switchboard.call.*}. */
    String PREFIX_ = "switchboard.call.";

    /** {@value CallTarget#NAME}: the extension that reaches the target. */
    String target();
}
