package io.switchboard.numbering.core.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(name = "Switchboard numbering")
@interface NumberingConfig {

    String PID = "io.switchboard.numbering";

    @AttributeDefinition(name = "Default country calling code",
            description = "Country code given to national numbers, digits only: 44, 1, 49")
    String defaultCountryCode() default "1";
}
