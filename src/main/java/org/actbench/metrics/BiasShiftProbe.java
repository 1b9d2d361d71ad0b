package org.actbench.metrics;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.actbench.engine.GradientCorrection;
import org.actbench.engine.Network;
import org.actbench.engine.Param;
import org.actbench.engine.SoftmaxCrossEntropy;
import org.actbench.engine.layer.ActivationLayer;
import org.actbench.engine.layer.Conv2d;
import org.actbench.engine.layer.Dense;
import org.actbench.engine.layer.Layer;
import org.actbench.engine.layer.PRelu;
import org.actbench.engine.train.BiasShiftRecord;
import org.actbench.random.SplitMix64;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Measures bias shift against the unit natural gradient on a fixed probe batch: forward in
 * inference mode (no dropout masks drawn, BN's running statistics untouched, so training goes on
 * exactly as without the probe), the loss with the true labels (empirical Fisher) or with labels
 * drawn from the model's softmax (true Fisher), backward, then per conv or dense layer that
 * receives a previous layer's activations, the {@link UnitNaturalGradient} from its {@link
 * LayerSamples}.
 *
 * <p>It also measures the update the run takes from that gradient: the plain one, or the one its
 * {@link GradientCorrection} makes of it ({@link BiasShiftRecord#takenRho}).
 *
 * <p>It overwrites the parameter gradients, so it runs after the optimiser's step.
 */
public final class BiasShiftProbe {
  private final Network network;
  private final ProbeSettings settings;
  private final Network.Bound bound;
  private final INDArray images; // [P, 3, 32, 32]
  private final INDArray truth; // one-hot [P, K]
  private final INDArray labels;
  private final SoftmaxCrossEntropy loss;
  private final long seed;
  private final UnitNaturalGradient.Covariance covariance;
  private final List<UnitNaturalGradient.Result> last = new ArrayList<>();
  private final GradientCorrection correction;

  /**
   * @param images the probe batch: [P, 3, 32, 32]
   * @param oneHot its labels: [P, K]
   */
  public BiasShiftProbe(
      Network network, INDArray images, INDArray oneHot, ProbeSettings settings, long seed) {
    this(network, images, oneHot, settings, seed, GradientCorrection.NONE);
  }

  /**
   * @param correction what the run does to each gradient before its update
   */
  public BiasShiftProbe(
      Network network,
      INDArray images,
      INDArray oneHot,
      ProbeSettings settings,
      long seed,
      GradientCorrection correction) {
    this.correction = correction;
    this.network = network;
    this.settings = settings;
    this.seed = seed;
    this.covariance = UnitNaturalGradient.Covariance.parse(settings.covariance());
    this.bound = network.bind(images.size(0));
    this.images = images.dup();
    this.truth = oneHot.dup();
    this.labels = bound.logits().like();
    this.loss = new SoftmaxCrossEntropy(bound.logits(), labels, bound.dLogits());
  }

  /**
   * Activation layer → the conv or dense layer that receives its units (the nearest weighted layer
   * after it), whose bias shift those units cause. Activation layers feeding nothing are absent.
   */
  public static Map<String, String> receivers(Network network) {
    Map<String, String> map = new LinkedHashMap<>();
    String lastActivation = null;
    for (Layer layer : network.layers()) {
      if (layer instanceof ActivationLayer || layer instanceof PRelu) {
        lastActivation = layer.name();
      } else if ((layer instanceof Conv2d || layer instanceof Dense) && lastActivation != null) {
        map.put(lastActivation, layer.name());
        lastActivation = null;
      }
    }
    return map;
  }

  /** The layers measured: every conv or dense layer that receives an activation layer's units. */
  public List<String> layerNames() {
    return List.copyOf(receivers(network).values());
  }

  /** One measurement after {@code step} steps; the per-unit results are kept in {@link #last}. */
  public List<BiasShiftRecord> measure(long step) {
    last.clear();
    boolean observed = bound.observed(); // training shares this binding when its batch size is P
    bound.observe(true); // the activations and gradients below are read in plain layout
    bound.input().assign(images);
    bound.forward(false);
    labels.assign(truth);
    loss.forward();
    if (settings.trueFisher()) {
      drawLabels(SplitMix64.derive(seed, step));
    }
    loss.backward();
    bound.backward();
    Map<String, double[][]> plain = gradients();
    correction.correct(bound); // the update this run would take from the probe batch
    Map<String, double[][]> taken = gradients();
    bound.observe(observed);
    List<BiasShiftRecord> records = new ArrayList<>();
    List<Layer> layers = network.layers();
    List<Layer.Bound> chain = bound.layers();
    java.util.Set<String> measured = java.util.Set.copyOf(layerNames());
    for (int i = 1; i < layers.size(); i++) {
      Layer layer = layers.get(i);
      if (!measured.contains(layer.name())) {
        continue;
      }
      INDArray x = chain.get(i - 1).y();
      INDArray dLdy = chain.get(i).dLdy();
      // the same rows every time, so that successive probes compare like with like
      long rowSeed = SplitMix64.derive(seed, 7919L * i).nextLong();
      LayerSamples samples =
          layer instanceof Conv2d conv
              ? LayerSamples.conv(conv, x, dLdy, settings.maxRows(), rowSeed)
              : LayerSamples.dense(x, dLdy).subsample(settings.maxRows(), rowSeed);
      if (!UnitNaturalGradient.isFinite(samples.a(), samples.delta())) {
        // a diverging run: nothing to measure here, and the training loop will say it diverged
        int units = (int) samples.delta().size(1);
        records.add(
            new BiasShiftRecord(
                step,
                layer.name(),
                units,
                Double.NaN,
                Double.NaN,
                Double.NaN,
                Double.NaN,
                Double.NaN,
                Double.NaN));
        continue;
      }
      UnitNaturalGradient.Result r =
          UnitNaturalGradient.compute(samples.a(), samples.delta(), covariance, settings.damping());
      last.add(r);
      // μ over the whole probe batch, as the correction sees it: the rows above may be a sample
      INDArray mu =
          LayerSamples.means(layer, x, dLdy, covariance == UnitNaturalGradient.Covariance.UNIT);
      double[] takenMeasures =
          taken(mu.toDoubleMatrix(), plain.get(layer.name()), taken.get(layer.name()));
      records.add(medians(step, layer.name(), r, takenMeasures));
    }
    return records;
  }

  /** Each measured layer's weight and bias gradients as they stand, copied: name → {W, b}. */
  private Map<String, double[][]> gradients() {
    Map<String, double[][]> out = new LinkedHashMap<>();
    java.util.Set<String> measured = java.util.Set.copyOf(layerNames());
    for (Layer layer : network.layers()) {
      if (measured.contains(layer.name())) {
        List<Param> p = layer.params();
        out.put(layer.name(), new double[][] {flat(p.get(0).grad()), flat(p.get(1).grad())});
      }
    }
    return out;
  }

  private static double[] flat(INDArray a) {
    return a.reshape(a.length()).toDoubleVector();
  }

  /**
   * Median ρ and mean-net ratio (see {@link BiasShiftRecord}) of the taken update (u, u₀) against
   * the plain (g, g₀), both the layer's whole-batch gradients, with μ over the whole probe batch. A
   * conv layer's gradients sum over positions, so both are in the same units, whatever they are.
   */
  static double[] taken(double[][] mu, double[][] plain, double[][] taken) {
    int m = plain[1].length;
    int d = taken[0].length / m; // mu: one row (shared) or one per unit
    double[] rho = new double[m];
    double[] ratio = new double[m];
    for (int i = 0; i < m; i++) {
      double moved = taken[1][i]; // μᵀu + u₀
      for (int j = 0; j < d; j++) {
        moved += mu[mu.length == 1 ? 0 : i][j] * taken[0][i * d + j];
      }
      double g0 = plain[1][i];
      rho[i] = UnitNaturalGradient.rho(moved - g0, g0);
      ratio[i] = g0 == 0 ? Double.NaN : moved / g0;
    }
    return new double[] {Quantiles.median(rho), Quantiles.median(ratio)};
  }

  /** Medians over the units of one layer's result. */
  static BiasShiftRecord medians(
      long step, String layer, UnitNaturalGradient.Result r, double[] taken) {
    int m = r.units();
    double[] rho = new double[m];
    double[] cos = new double[m];
    double[] ratio = new double[m];
    double[] mu = new double[m];
    for (int i = 0; i < m; i++) {
      rho[i] = r.rho(i);
      cos[i] = r.cosine(i);
      ratio[i] = r.shiftRatio(i);
      mu[i] = r.muNorm(i);
    }
    return new BiasShiftRecord(
        step,
        layer,
        m,
        Quantiles.median(rho),
        Quantiles.median(cos),
        Quantiles.median(ratio),
        Quantiles.median(mu),
        taken[0],
        taken[1]);
  }

  /** The per-unit results of the last {@link #measure}, one per measured layer. */
  public List<UnitNaturalGradient.Result> lastResults() {
    return List.copyOf(last);
  }

  /** Replaces the labels by one class per example drawn from the softmax. */
  private void drawLabels(SplitMix64 random) {
    double[][] p = loss.probabilities().toDoubleMatrix();
    labels.assign(0);
    for (int n = 0; n < p.length; n++) {
      double u = random.nextDouble();
      int k = 0;
      for (double cumulative = p[n][0];
          cumulative < u && k < p[n].length - 1;
          cumulative += p[n][++k]) {
        // walk the cumulative distribution
      }
      labels.putScalar(n, k, 1.0);
    }
  }
}
