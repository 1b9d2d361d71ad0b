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
 * @param takenRho median ρ of the update the run takes from this gradient (the plain one, or the
 *     bias-shift corrected one): |μᵀu + u₀ − g₀| / (|μᵀu + u₀ − g₀| + |g₀|), the share of its
 *     change of the mean net input that the bias gradient g₀ does not account for; the plain
 *     update's is ρ, a corrected update's 0
 * @param takenMeanRatio median of (μᵀu + u₀)/g₀: the update's change of the mean net input over the
 *     natural step's (c times it, the natural step's per-unit scale 1/c set aside); 1 for the
 *     natural step and a corrected one, 1 + μᵀg/g₀ for the plain one
 */
public record BiasShiftRecord(
    long step,
    String layer,
    int units,
    double rho,
    double cosine,
    double shiftRatio,
    double muNorm,
    double takenRho,
    double takenMeanRatio) {}
