package mr.bacmr.retrieval.ask;

import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import mr.bacmr.retrieval.config.PricingConfig;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PriceListTest {

    record Price(long inputPer1k, long outputPer1k) implements PricingConfig.ModelPrice {
    }

    record Prices(Map<String, ModelPrice> models, long extractive) implements PricingConfig {
    }

    private final PriceList prices = new PriceList(new Prices(Map.of(
            "mini", new Price(1, 4),
            "free-output", new Price(2, 0)), 3));

    @Test
    void roundsUpToWholeCredits() {
        assertEquals(0, prices.price("mini", 0, 0));
        assertEquals(1, prices.price("mini", 1, 0), "a started thousand is paid");
        assertEquals(1, prices.price("mini", 1000, 0));
        assertEquals(2, prices.price("mini", 1001, 0));
        assertEquals(3, prices.price("mini", 1000, 500), "1 + 2 credits");
        assertEquals(6, prices.price("mini", 2100, 800), "(2100 + 3200) / 1000 rounded up");
    }

    @Test
    void theAffordableAnswerLengthFitsTheReservationExactly() {
        for (long reserved : new long[]{3, 5, 17}) {
            for (int input : new int[]{0, 999, 2345}) {
                Optional<Integer> affordable = prices.affordableOutputTokens("mini", reserved, input);
                int out = affordable.orElseThrow();
                if (prices.price("mini", input, 0) <= reserved) {
                    assertTrue(prices.price("mini", input, out) <= reserved, reserved + "/" + input + "/" + out);
                    assertTrue(prices.price("mini", input, out + 1) > reserved || out == 0, "the longest that fits");
                }
            }
        }
        assertEquals(0, prices.affordableOutputTokens("mini", 1, 5_000).orElseThrow(), "the prompt alone is over");
        assertFalse(prices.affordableOutputTokens("free-output", 1, 100).isPresent(), "no bound when output is free");
    }

    @Test
    void anUnpricedModelIsRefusedRatherThanFree() {
        assertFalse(prices.knows("gpt-unknown"));
        assertThrows(IllegalStateException.class, () -> prices.price("gpt-unknown", 10, 10));
        assertEquals(3, prices.extractive());
    }
}
