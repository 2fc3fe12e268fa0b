package io.switchboard.numbering.core.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.annotation.Annotation;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.osgi.framework.Constants;

import io.switchboard.numbering.api.Normalization;
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

    private static NumberingConfig country(String code) {
        return new NumberingConfig() {
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
