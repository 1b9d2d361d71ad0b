package org.actbench.metrics;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.actbench.engine.GradientCorrection;
import org.actbench.engine.Network;
import org.actbench.engine.Param;
import org.actbench.engine.layer.Conv2d;
import org.actbench.engine.layer.Layer;
import org.actbench.metrics.UnitNaturalGradient.Covariance;
import org.nd4j.linalg.api.buffer.DataBuffer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Takes the bias shift out of every step: the gradient of each conv or dense layer that receives an
 * activation layer's units (the layers {@link BiasShiftProbe} measures) is replaced, unit by unit,
 * by
 *
 * <pre>
 *   u  = g − μ g₀          (the weights: the bias-shift term of the unit natural gradient)
 *   u₀ = g₀ − μᵀu          (the bias: takes back what the weight step does to the mean)
 * </pre>
 *
 * <p>with μ the mean of the unit's incoming values as the probe estimates it: {@link
 * Covariance#SHARED} the plain mean over the batch (and positions), one for the whole layer; {@link
 * Covariance#UNIT} the δ²-weighted mean of each unit. This is the unit natural gradient c·F⁻¹(g;
 * g₀) with the whitening Σ⁻¹ left out (Σ replaced by I), so its step length stays the plain
 * gradient's and the learning rate means what it meant: a step −η(u, u₀) moves the unit's
 * (δ²-weighted) mean net input by μᵀΔw + Δw₀ = −η g₀, the natural step's −η' g₀/c with its per-unit
 * step η' = η c, and never by the plain step's −η(μᵀg + g₀). The part μᵀg, the bias shift, is gone;
 * what the weights learn is the gradient of the centred inputs, g − μg₀.
 *
 * <p>Conv layers treat each output channel as a unit and every (example, position) pair as a
 * sample, as the probe does, so μ is the mean im2col patch, zero padding included. Costs per layer
 * and step: shared, a mean over the batch and two matrix-vector products; unit, one more
 * weight-gradient pass of the layer with δ² for δ. Buffers are allocated once per batch size.
 */
public final class BiasShiftCorrection implements GradientCorrection {
  private final Network network;
  private final Covariance covariance;
  private final Map<Network.Bound, List<Fix>> fixes = new IdentityHashMap<>();

  public BiasShiftCorrection(Network network, Covariance covariance) {
    this.network = network;
    this.covariance = covariance;
  }

  public Covariance covariance() {
    return covariance;
  }

  @Override
  public void correct(Network.Bound pass) {
    for (Fix fix : fixes.computeIfAbsent(pass, this::bind)) {
      fix.run();
    }
  }

  private List<Fix> bind(Network.Bound pass) {
    List<Fix> out = new ArrayList<>();
    List<Layer> layers = network.layers();
    List<String> receivers = List.copyOf(BiasShiftProbe.receivers(network).values());
    for (int i = 1; i < layers.size(); i++) {
      Layer layer = layers.get(i);
      if (receivers.contains(layer.name())) {
        INDArray x = pass.layers().get(i - 1).y();
        INDArray dLdy = pass.layers().get(i).dLdy();
        List<Param> params = layer.params(); // [W, b]
        out.add(new Fix(layer, x, dLdy, params.get(0).grad(), params.get(1).grad()));
      }
    }
    return out;
  }

  /** One layer's correction, bound to the pass's buffers. */
  private final class Fix {
    private final INDArray x; // the layer's input: [N, C, H, W] or [N, F]
    private final INDArray dLdy; // [N, O, H', W'] or [N, O]
    private final INDArray wGrad; // [m, D], a view of the weight gradient
    private final INDArray bGrad; // [m, 1], a view of the bias gradient
    private final INDArray mu; // [1, D] shared or [m, D] per unit
    private final INDArray muColumn; // shared: [D, 1]
    private final INDArray ones; // [1, N] of 1/N, for means over the batch
    private final INDArray scratch; // [m, D]
    private final Conv2d conv; // null for a dense layer
    private final INDArray signal; // unit: δ² like dLdy
    private final INDArray weights; // unit: Σ δ² per unit, [m] viewed [m, 1]
    private final Runnable sums; // unit conv: Σ δ²·patch and Σ δ² by the layer's own kernel
    private final INDArray batchSum; // shared conv: Σ over n of x, [1, C·H·W]
    private final double[] patch; // shared conv: the mean patch before it is copied into mu
    private final double[] batchMean; // shared conv: batchSum read onto the Java heap, [C·H·W]

    Fix(Layer layer, INDArray x, INDArray dLdy, INDArray weightGrad, INDArray biasGrad) {
      this.x = x;
      this.dLdy = dLdy;
      int m = (int) biasGrad.length();
      long d = weightGrad.length() / m;
      long n = x.size(0);
      this.wGrad = weightGrad.reshape(m, d);
      this.bGrad = biasGrad.reshape(m, 1);
      this.conv = layer instanceof Conv2d c ? c : null;
      this.ones = Nd4j.valueArrayOf(new long[] {1, n}, 1.0 / n, x.dataType());
      this.scratch = wGrad.like();
      if (covariance == Covariance.SHARED) {
        mu = Nd4j.create(x.dataType(), 1, d);
        muColumn = mu.reshape(d, 1);
        batchSum = conv == null ? null : Nd4j.create(x.dataType(), 1, x.length() / n);
        patch = conv == null ? null : new double[(int) d];
        batchMean = conv == null ? null : new double[(int) (x.length() / n)];
        signal = null;
        weights = null;
        sums = null;
      } else {
        mu = wGrad.like();
        muColumn = null;
        batchSum = null;
        patch = null;
        batchMean = null;
        signal = dLdy.like();
        weights = Nd4j.create(x.dataType(), m, 1);
        sums =
            conv == null
                ? null
                : conv.weightGradientOf(
                    x, signal, mu.reshape(weightGrad.shape()), weights.reshape(m));
      }
    }

    void run() {
      if (covariance == Covariance.SHARED) {
        sharedMean();
        Nd4j.gemm(bGrad, mu, wGrad, false, false, -1.0, 1.0); // u = g − g₀ μᵀ
        Nd4j.gemm(wGrad, muColumn, bGrad, false, false, -1.0, 1.0); // u₀ = g₀ − u μ
      } else {
        unitMeans();
        scratch.assign(mu).muliColumnVector(bGrad);
        wGrad.subi(scratch); // u_i = g_i − g₀_i μ_i
        scratch.assign(wGrad).muli(mu);
        bGrad.subi(scratch.sum(true, 1)); // u₀_i = g₀_i − μ_iᵀu_i
      }
    }

    /** μ = the mean incoming value (dense) or mean im2col patch (conv) over the batch. */
    private void sharedMean() {
      long n = x.size(0);
      if (conv == null) {
        Nd4j.gemm(ones, x, mu, false, false, 1.0, 0.0);
        return;
      }
      Nd4j.gemm(ones, x.reshape(n, x.length() / n), batchSum, false, false, 1.0, 0.0);
      // into an array made once, through an NIO view of the native buffer: DataBuffer.getDouble
      // bounds-checks every element through JavaCPP's indexer (batchSum is a fresh row vector:
      // its buffer is exactly its elements)
      DataBuffer sum = batchSum.data();
      if (batchSum.dataType() == DataType.DOUBLE) {
        sum.asNioDouble().get(batchMean, 0, batchMean.length);
      } else {
        java.nio.FloatBuffer floats = sum.asNioFloat();
        for (int i = 0; i < batchMean.length; i++) {
          batchMean[i] = floats.get(i);
        }
      }
      LayerSamples.meanPatch(
          conv, (int) x.size(1), (int) x.size(2), (int) x.size(3), batchMean, patch);
      mu.data().setData(patch); // mu is a fresh row vector: its buffer is exactly its elements
    }

    /** μ_i = Σ δ_i² a / Σ δ_i² per unit (0 for a unit that no signal reaches). */
    private void unitMeans() {
      signal.assign(dLdy).muli(dLdy);
      if (conv == null) {
        Nd4j.gemm(signal, x, mu, true, false, 1.0, 0.0); // [m, N] x [N, D]
        signal.sum(weights.reshape(weights.length()), 0);
      } else {
        sums.run();
      }
      // a unit with Σδ² = 0 has g = 0 and g₀ = 0: any μ leaves it uncorrected
      Transforms.max(weights, Float.MIN_NORMAL, false);
      mu.diviColumnVector(weights);
    }
  }
}
