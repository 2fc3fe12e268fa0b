package com.acme.switchboard.dialplan;

import java.util.Optional;

import org.osgi.service.component.annotations.Component;

import io.switchboard.numbering.api.NumberNormalizer;
import io.switchboard.numbering.api.NumberingContext;
import io.switchboard.platform.api.PluginInfo;

/**
 * A sample vendor plugin: Acme's UK sites dial national numbers with the trunk prefix 0 whatever
 * the server's default country is, so {@code 020 7946 0000} always means {@code +44 20 7946 0000}.
 * Everything else is left to the next normaliser.
 */
@Component(property = "service.ranking:Integer=100")
@PluginInfo(name = "acme-uk-dialplan", vendor = "Acme Telecom",
        description = "UK national numbers (0 + 10 digits) to +44")
public class UkDialPlanNormalizer implements NumberNormalizer {

    @Override
    public Optional<String> normalize(String dialled, NumberingContext context) {
        if (dialled.length() == 11 && dialled.charAt(0) == '0' && dialled.charAt(1) != '0') {
            return Optional.of("+44" + dialled.substring(1));
        }
        return Optional.empty();
    }
}
