package org.actbench.metrics;

/**
 * One activation layer's unit means after a step. A unit is a channel of a conv layer (its mean over
 * the batch and all positions) or a feature of a dense layer (its mean over the batch).
 *
 * @param median median over units of the unit means (likewise q25, q75, min, max)
 * @param absMean mean over units of |unit mean|
 * @param fracAbsGt01 share of units with |unit mean| &gt; 0.1
 * @param deadFrac share of units never positive over the batch; NaN between logged steps
 * @param saturatedFrac share of values where the slope is below 0.05 (see Saturation); NaN between
 *     logged steps and for activations that do not saturate
 * @param unitMeans every unit's mean, in channel order
 */
public record LayerDrift(
    String layer,
    double median,
    double q25,
    double q75,
    double min,
    double max,
    double absMean,
    double fracAbsGt01,
    double deadFrac,
    double saturatedFrac,
    double[] unitMeans) {}
