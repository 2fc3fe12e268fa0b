package io.switchboard.numbering.core.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(name = "Switchboard numbering")
@interface NumberingConfig {

    String PID = "io.switchboard.numbering";

    @AttributeDefinition(name = "Default country calling code",
            description = "Country code given to national numbers, digits only: 44, 1, 49")
    String defaultCountryCode() default "1";

    @AttributeDefinition(name = "Other regions counted as national", description = "ISO regions that share the "
            + "default country code and are called at national rates (CA for a switch in the US). Numbers of any "
            + "other region count as international, also under the home country code (+1 876 is Jamaica)")
    String[] nationalRegions() default {};
}
