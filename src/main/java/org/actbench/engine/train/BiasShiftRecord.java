package org.actbench.engine.train;

/**
 * One layer's bias-shift measurements on the probe batch after {@code step} steps: medians over its
 * units (see {@code metrics.UnitNaturalGradient.Result}); NaN where the layer's values were not
 * finite (a diverging run).
 *
 * @param rho median of ρ = |μᵀg| / (|μᵀg| + |g₀|), the share of a plain step's mean-net-input
 *     change that is bias shift
 * @param cosine median cosine between the plain and the unit natural gradient
 * @param shiftRatio median of ‖bias-shift term‖ / ‖g̃‖
 * @param muNorm median ‖μ‖ of the (δ²-weighted) mean of the incoming units
 */
public record BiasShiftRecord(
    long step,
    String layer,
    int units,
    double rho,
    double cosine,
    double shiftRatio,
    double muNorm) {}
