package io.switchboard.numbering.core.internal;

import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.metatype.annotations.Designate;

import io.switchboard.numbering.api.Normalization;
import io.switchboard.numbering.api.NumberInfo;
import io.switchboard.numbering.api.NumberNormalization;
import io.switchboard.numbering.api.NumberNormalizer;
import io.switchboard.numbering.api.NumberingContext;
import io.switchboard.platform.api.Plugins;

/** Asks the {@link NumberNormalizer} plugins in ranking order, then the built-in rules (libphonenumber). */
@Component(configurationPid = NumberingConfig.PID, configurationPolicy = ConfigurationPolicy.OPTIONAL)
@Designate(ocd = NumberingConfig.class)
public class NumberNormalizationService implements NumberNormalization {

    private final RankedServices<NumberNormalizer> normalizers = new RankedServices<>(Plugins.NAME);
    private volatile NumberingContext defaults;
    private volatile Set<String> nationalRegions = Set.of();

    @Activate
    @Modified
    void configure(NumberingConfig config) {
        NumberingContext context;
        try {
            context = new NumberingContext(config.defaultCountryCode());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Invalid setting " + NumberingConfig.PID + " defaultCountryCode: "
                    + e.getMessage(), e);
        }
        Set<String> regions;
        try {
            regions = E164Rules.regions(config.nationalRegions());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Invalid setting " + NumberingConfig.PID + " nationalRegions entry "
                    + e.getMessage(), e);
        }
        defaults = context;
        nationalRegions = regions;
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void addNormalizer(NumberNormalizer normalizer, Map<String, Object> properties) {
        normalizers.add(normalizer, properties);
    }

    void removeNormalizer(NumberNormalizer normalizer) {
        normalizers.remove(normalizer);
    }

    @Override
    public Normalization normalize(String dialled, String countryCode) {
        return normalize(dialled, E164Rules.clean(dialled), context(countryCode));
    }

    @Override
    public NumberInfo describe(String dialled, String countryCode) {
        String cleaned = E164Rules.clean(dialled);
        NumberingContext context = context(countryCode);
        String e164;
        try {
            e164 = normalize(dialled, cleaned, context).e164();
        } catch (IllegalArgumentException shortNumber) {
            e164 = null;
        }
        return E164Rules.describe(dialled, cleaned, e164, context.defaultCountryCode(), nationalRegions);
    }

    private NumberingContext context(String countryCode) {
        return countryCode == null || countryCode.isBlank() ? defaults : new NumberingContext(countryCode);
    }

    private Normalization normalize(String dialled, String cleaned, NumberingContext context) {
        for (RankedServices.Entry<NumberNormalizer> entry : normalizers.ordered()) {
            Optional<String> answer = entry.service().normalize(cleaned, context);
            if (answer.isPresent()) {
                return new Normalization(dialled, answer.get(), entry.name());
            }
        }
        return new Normalization(dialled, E164Rules.normalize(cleaned, context.defaultCountryCode()),
                Normalization.BUILT_IN);
    }
}
