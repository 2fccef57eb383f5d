package mr.bacmr.retrieval.ask;

import jakarta.enterprise.context.ApplicationScoped;

import java.util.Optional;

import mr.bacmr.retrieval.config.PricingConfig;

/**
 * Credits for tokens, in integer arithmetic rounded up (a started thousand is paid), so an estimate is never below
 * what the same tokens cost when finalised.
 */
@ApplicationScoped
public class PriceList {

    private final PricingConfig config;

    public PriceList(PricingConfig config) {
        this.config = config;
    }

    public boolean knows(String model) {
        return config.models().containsKey(model);
    }

    /** What {@code inputTokens} in and {@code outputTokens} out of {@code model} cost. */
    public long price(String model, long inputTokens, long outputTokens) {
        PricingConfig.ModelPrice price = priceOf(model);
        long milli = Math.addExact(Math.multiplyExact(inputTokens, price.inputPer1k()),
                Math.multiplyExact(outputTokens, price.outputPer1k()));
        return (milli + 999) / 1000;
    }

    /**
     * The most output tokens a reservation of {@code reserved} credits pays for, after {@code inputTokens} of prompt;
     * empty when output is free.
     */
    public Optional<Integer> affordableOutputTokens(String model, long reserved, long inputTokens) {
        PricingConfig.ModelPrice price = priceOf(model);
        if (price.outputPer1k() <= 0) {
            return Optional.empty();
        }
        long left = reserved * 1000 - inputTokens * price.inputPer1k();
        return Optional.of((int) Math.max(0, Math.min(Integer.MAX_VALUE, left / price.outputPer1k())));
    }

    /** The flat price of an extractive answer. */
    public long extractive() {
        return config.extractive();
    }

    private PricingConfig.ModelPrice priceOf(String model) {
        PricingConfig.ModelPrice price = config.models().get(model);
        if (price == null) {
            throw new IllegalStateException("no price configured for model " + model + " (bacmr.pricing.models)");
        }
        return price;
    }
}
