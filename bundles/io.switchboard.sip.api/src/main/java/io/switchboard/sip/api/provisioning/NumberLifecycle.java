package io.switchboard.sip.api.provisioning;

import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * A number's place in the inventory (since 1.6).
 *
 * @param state where it is in its life
 * @param carrier the carrier or trunk it comes from, or null
 * @param monthlyCost what it costs a month, in the currency the admin keeps accounts in, or null
 * @param portDate the firm order commitment date of a port in, or null
 * @param releaseDate when a quarantined number may be released, or null
 */
public record NumberLifecycle(NumberState state, String carrier, BigDecimal monthlyCost, LocalDate portDate,
        LocalDate releaseDate) {

    /** A number in service with nothing else known: every number before 1.6. */
    public static final NumberLifecycle IN_SERVICE = new NumberLifecycle(NumberState.ACTIVE, null, null, null, null);
}
