package io.switchboard.numbering.core.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.annotation.Annotation;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.osgi.framework.Constants;

import com.google.i18n.phonenumbers.PhoneNumberUtil;

import io.switchboard.numbering.api.Normalization;
import io.switchboard.numbering.api.NumberInfo;
import io.switchboard.numbering.api.NumberNormalizer;
import io.switchboard.platform.api.Plugins;

class NumberNormalizationServiceTest {

    private final NumberNormalizationService service = new NumberNormalizationService();
    private long nextServiceId = 10;

    @BeforeEach
    void configure() {
        service.configure(country("44"));
    }

    @Test
    void builtInRulesApplyWithoutPlugins() {
        Normalization n = service.normalize("020 7946 0000", null);
        assertEquals("+442079460000", n.e164());
        assertEquals(Normalization.BUILT_IN, n.normalizer());
        assertEquals("+14155550100", service.normalize("(415) 555-0100", "1").e164());
        assertEquals("+33142685300", service.normalize("0033 1 42 68 53 00", null).e164());
        assertEquals("+4930123456", service.normalize("+49 30 123456", "1").e164());
    }

    @Test
    void eachCountryKeepsOrDropsItsTrunkPrefixAsItsPlanSays() {
        assertEquals("+390612345678", service.normalize("06 1234 5678", "39").e164(), "Italy keeps the 0");
        assertEquals("+442079460000", service.normalize("011 44 20 7946 0000", "1").e164(), "011 from North America");
        assertEquals("+442079460000", service.normalize("0011 44 20 7946 0000", "61").e164(), "0011 from Australia");
        assertEquals("+61298765432", service.normalize("(02) 9876 5432", "61").e164());
    }

    @Test
    void numbersAreDescribedByTheirPlans() {
        NumberInfo london = service.describe("020 7946 0000", null);
        assertEquals("+442079460000", london.e164());
        assertEquals("GB", london.region());
        assertEquals("FIXED_LINE", london.type());
        assertFalse(london.international() || london.premium() || london.emergency());
        assertTrue(service.describe("+14155550100", null).international(), "from the UK, a US number");

        PhoneNumberUtil plans = PhoneNumberUtil.getInstance();
        String premium = plans.format(plans.getExampleNumberForType("GB", PhoneNumberUtil.PhoneNumberType.PREMIUM_RATE),
                PhoneNumberUtil.PhoneNumberFormat.NATIONAL);
        NumberInfo p = service.describe(premium, null);
        assertTrue(p.premium(), premium + " " + p);
        assertEquals("PREMIUM_RATE", p.type());
        assertFalse(p.international());

        for (String emergency : new String[] { "999", "112" }) {
            NumberInfo e = service.describe(emergency, null);
            assertTrue(e.emergency(), emergency);
            assertNull(e.e164());
        }
        assertTrue(service.describe("911", "1").emergency());
        assertFalse(service.describe("+44999", null).emergency(), "only as dialled at home");
        NumberInfo satellite = service.describe("+881631234567", null);
        assertEquals("001", satellite.region(), "non-geographic: " + satellite);
        assertTrue(satellite.international());
    }

    @Test
    void highestRankingPluginAnswersFirstAndEmptyAnswersFallThrough() {
        NumberNormalizer low = (d, c) -> Optional.of("+100000001");
        NumberNormalizer high = (d, c) -> Optional.of("+200000002");
        NumberNormalizer silent = (d, c) -> Optional.empty();
        register(low, "low", 0);
        register(high, "high", 50);
        register(silent, "silent", 100);
        Normalization n = service.normalize("12345", null);
        assertEquals("high", n.normalizer());
        assertEquals("+200000002", n.e164());

        service.removeNormalizer(high);
        assertEquals("low", service.normalize("12345", null).normalizer());

        service.removeNormalizer(low);
        assertEquals(Normalization.BUILT_IN, service.normalize("02079460000", null).normalizer());
    }

    @Test
    void equalRankingPrefersTheOlderRegistration() {
        register((d, c) -> Optional.of("+100000001"), "first", 5);
        register((d, c) -> Optional.of("+200000002"), "second", 5);
        assertEquals("first", service.normalize("1", null).normalizer());
    }

    @Test
    void pluginSeesCleanedNumberAndContext() {
        register((d, c) -> Optional.of("+" + c.defaultCountryCode() + d), "echo", 0);
        assertEquals("+4912345", service.normalize("1-23 45", "49").e164());
    }

    @Test
    void badInputIsExplained() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> service.normalize("call me", null));
        assertTrue(e.getMessage().contains("not a telephone number"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> service.normalize("+1234567890123456", null));
        assertTrue(e.getMessage().contains("8 to 15 digits"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> service.configure(country("0")));
        assertTrue(e.getMessage().startsWith("Invalid setting io.switchboard.numbering defaultCountryCode"),
                e.getMessage());
    }

    private void register(NumberNormalizer normalizer, String name, int ranking) {
        Map<String, Object> props = new HashMap<>();
        props.put(Plugins.NAME, name);
        props.put(Constants.SERVICE_RANKING, ranking);
        props.put(Constants.SERVICE_ID, nextServiceId++);
        service.addNormalizer(normalizer, props);
    }

    @Test
    void aRegionThatSharesTheHomeCountryCodeIsInternational() {
        service.configure(country("1"));
        assertFalse(service.describe("+12125550100", null).international(), "New York, from the US");
        // the review's toll fraud: Jamaica, and more of the +1 countries with their own rates
        for (String abroad : new String[] { "+18765550100", "+1 876 555 0100", "1-876-555-0100", "18765550100",
                "+12465550100", "+14415550100", "+16495550100", "+18095550100", "+14165550100" }) {
            NumberInfo n = service.describe(abroad, null);
            assertTrue(n.international(), abroad + " " + n);
            assertFalse("US".equals(n.region()), abroad + " " + n);
        }
        service.configure(country("1", "CA", " pr"));
        assertFalse(service.describe("+14165550100", null).international(), "Toronto, listed as national");
        assertFalse(service.describe("+17875550100", null).international(), "Puerto Rico, listed");
        assertTrue(service.describe("+18765550100", null).international(), "Jamaica, not listed");
        assertTrue(service.describe("+442079460000", null).international(), "a listed region is never another code's");

        service.configure(country("7"));
        assertTrue(service.describe("+77172123456", null).international(), "Kazakhstan from Russia");
        assertFalse(service.describe("+74951234567", null).international(), "Moscow from Russia");
        service.configure(country("44", "KZ"));
        assertTrue(service.describe("+77172123456", null).international(), "a region of another code stays abroad");

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> service.configure(country("1", "Canada")));
        assertTrue(e.getMessage().startsWith("Invalid setting io.switchboard.numbering nationalRegions entry 'Canada'"),
                e.getMessage());
    }

    private static NumberingConfig country(String code, String... nationalRegions) {
        return new NumberingConfig() {
            @Override
            public String[] nationalRegions() {
                return nationalRegions;
            }

            @Override
            public Class<? extends Annotation> annotationType() {
                return NumberingConfig.class;
            }

            @Override
            public String defaultCountryCode() {
                return code;
            }
        };
    }
}
