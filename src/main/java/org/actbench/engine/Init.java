package org.actbench.engine;

import java.util.Locale;
import org.actbench.random.SplitMix64;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Weight initialisation. Every scheme draws from the stream of (seed, layer index) only, so for the
 * same seed and architecture every activation starts from the same weights (He and LeCun differ
 * only by their scale): the paper's paired comparison. Biases start at 0.
 *
 * <ul>
 *   <li>{@link #HE}: N(0, 2/fan_in) (He et al. 2015), the default. The classifier (the last
 *       weighted layer) gets N(0, 1/fan_in): no rectifier follows it, and with 2/fan_in deep plain
 *       nets start with a loss of 4–9 and diverge at lr 0.01 with momentum 0.9 (so does PyTorch).
 *   <li>{@link #GLOROT}: U(−l, l), l = √(6/(fan_in + fan_out)) (Glorot &amp; Bengio 2010).
 *   <li>{@link #LECUN}: N(0, 1/fan_in), what SELU needs (Klambauer et al. 2017).
 * </ul>
 */
public enum Init {
  HE,
  GLOROT,
  LECUN;

  public static Init parse(String name) {
    try {
      return valueOf(name.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "unknown init '" + name + "'; expected he, glorot or lecun");
    }
  }

  /**
   * Weights of the given shape ([out, in] or [out, in, k, k]).
   *
   * @param layerIndex position of the layer in the network, which keys the random stream
   */
  public INDArray weights(long seed, int layerIndex, DataType type, long... shape) {
    long fanIn = 1;
    for (int i = 1; i < shape.length; i++) {
      fanIn *= shape[i];
    }
    long fanOut = shape[0] * (fanIn / shape[1]);
    SplitMix64 rng = SplitMix64.derive(seed, layerIndex);
    double[] w = new double[Math.toIntExact(shape[0] * fanIn)];
    switch (this) {
      case HE:
      case LECUN:
        double std = Math.sqrt((this == HE ? 2.0 : 1.0) / fanIn);
        for (int i = 0; i < w.length; i++) {
          w[i] = std * rng.nextGaussian();
        }
        break;
      default:
        double limit = Math.sqrt(6.0 / (fanIn + fanOut));
        for (int i = 0; i < w.length; i++) {
          w[i] = limit * (2 * rng.nextDouble() - 1);
        }
    }
    return Nd4j.createFromArray(w).castTo(type).reshape(shape);
  }
}
