package com.acme.switchboard.lcr;

import java.io.IOException;
import java.io.Reader;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.propertytypes.ServiceRanking;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

import io.switchboard.sip.api.routing.RouteDecision;
import io.switchboard.sip.api.routing.RouteRequest;
import io.switchboard.sip.api.routing.RoutingPolicy;
import io.switchboard.sip.api.routing.RoutingPolicyProperties;
import io.switchboard.sip.api.routing.TrunkChoice;

/**
 * A sample routing policy: least-cost routing. It orders a route's trunks by their price per minute
 * for the number called, cheapest first, from a rate table (CSV: {@code trunk,prefix,rate}); trunks
 * without a price for it keep their order after the priced ones. Settings: {@code etc/com.acme.switchboard.lcr.cfg}
 * with {@code rateTable = /path/to/rates.csv}; the table is read again when the settings change.
 */
@Component(configurationPid = LeastCostRouting.PID, configurationPolicy = ConfigurationPolicy.REQUIRE)
@RoutingPolicyProperties(policy = "least-cost")
@ServiceRanking(100)
@Designate(ocd = LeastCostRouting.Config.class)
public class LeastCostRouting implements RoutingPolicy {

    static final String PID = "com.acme.switchboard.lcr";
    private static final Logger LOG = System.getLogger(LeastCostRouting.class.getName());

    @ObjectClassDefinition(name = "Acme least-cost routing")
    @interface Config {
        @AttributeDefinition(name = "Rate table", description = "CSV file with the columns trunk,prefix,rate "
                + "(price per minute)")
        String rateTable();
    }

    private final RateTable rates;

    @Activate
    public LeastCostRouting(Config config) throws IOException {
        this(read(Path.of(config.rateTable())));
    }

    LeastCostRouting(RateTable rates) {
        this.rates = rates;
    }

    private static RateTable read(Path file) throws IOException {
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            RateTable table = RateTable.read(in);
            table.problems().forEach(p -> LOG.log(Level.WARNING, "Rate table " + file + " line " + p.line() + ": "
                    + p.message() + "; line skipped"));
            LOG.log(Level.INFO, "Least-cost routing with the rates of " + table.trunks() + " trunks from " + file);
            return table;
        }
    }

    @Override
    public RouteDecision apply(RouteRequest request, RouteDecision decision) {
        String number = decision.e164() != null ? decision.e164() : decision.dialled();
        List<TrunkChoice> ordered = new ArrayList<>(decision.trunks());
        // stable: trunks of equal price, and those without one, keep the route's order
        ordered.sort(Comparator.comparing((TrunkChoice t) -> rates.rate(t.trunk(), number),
                Comparator.nullsLast(Comparator.naturalOrder())));
        List<String> prices = new ArrayList<>();
        for (TrunkChoice t : ordered) {
            BigDecimal rate = rates.rate(t.trunk(), number);
            prices.add(t.trunk() + " " + (rate == null ? "no rate" : rate.toPlainString() + "/min"));
        }
        if (prices.isEmpty()) {
            return decision;
        }
        return decision.withTrunks(ordered, "policy least-cost: " + String.join(", ", prices) + " for " + number);
    }
}
