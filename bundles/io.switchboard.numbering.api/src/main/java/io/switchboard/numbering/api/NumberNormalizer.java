package io.switchboard.numbering.api;

import java.util.Optional;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * A plugin that knows how to turn some dialled strings into E.164 numbers, for example a carrier's
 * or a country's dial plan.
 *
 * <p>Implemented by vendor bundles, registered as an OSGi service with the
 * {@code io.switchboard.plugin.*} properties ({@code @PluginInfo}) and, where it should be asked
 * before others, a {@code service.ranking}. The platform asks the registered normalisers in
 * ranking order (highest first); the first non-empty answer wins, and the built-in E.164 rules
 * apply when none answers. Plugins come and go at run time.
 *
 * <p>Called concurrently from many threads, also on the call path: implementations must be
 * thread-safe, fast and free of I/O.
 */
@ConsumerType
public interface NumberNormalizer {

    /**
     * @param dialled the number as dialled, already stripped of spaces, dashes, dots and brackets
     * @param context the settings that apply to this call
     * @return the E.164 number ({@code +} and 8 to 15 digits), or empty to let the next
     *         normaliser decide
     */
    Optional<String> normalize(String dialled, NumberingContext context);
}
