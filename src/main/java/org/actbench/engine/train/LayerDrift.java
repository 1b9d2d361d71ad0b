package org.actbench.engine.train;

/**
 * One activation layer's unit means after a step. A unit is a channel of a conv layer (its mean
 * over the batch and all positions) or a feature of a dense layer (its mean over the batch).
 *
 * @param median median over units of the unit means (likewise q25, q75, min, max)
 * @param absMean mean over units of |unit mean|
 * @param fracAbsGt01 share of units with |unit mean| &gt; 0.1
 * @param deadFrac share of units never positive over the batch; NaN between logged steps
 * @param saturatedFrac share of values where the slope is below 0.05 (see Saturation); NaN between
 *     logged steps and for activations that do not saturate
 * @param input mean and variance of the layer's input (its net inputs x) over all values in the
 *     batch; NaN between logged steps
 * @param output mean and variance of its outputs f(x) over all values, to set beside the moments of
 *     f under x ~ N(0, 1); NaN between logged steps
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
    Moments input,
    Moments output,
    double[] unitMeans) {

  /** Mean and (population) variance of a set of values. */
  public record Moments(double mean, double variance) {
    public static final Moments NONE = new Moments(Double.NaN, Double.NaN);
  }
}
