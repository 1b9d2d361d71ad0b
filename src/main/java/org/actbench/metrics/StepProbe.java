package org.actbench.metrics;

import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinTask;
import org.actbench.engine.GradientTap;
import org.actbench.engine.LayerInput;
import org.actbench.engine.Network;
import org.actbench.engine.Param;
import org.actbench.engine.TrainingStep;
import org.actbench.engine.layer.Conv2d;
import org.actbench.engine.layer.Layer;
import org.actbench.engine.train.BiasShiftRecord;
import org.actbench.random.SplitMix64;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The bias shift against the unit natural gradient measured on the training step's own batch, at
 * a fraction of the {@link BiasShiftProbe}'s cost: no pass of its own, no observed pass. With the
 * shared covariance (paper-notes §2, the cheap variant) a unit's ρ, cosine and ‖t‖/‖g̃‖ need only
 *
 * <ul>
 *   <li>the plain gradient (g, g₀) of each unit: the step's own parameter gradients, copied before
 *       the update by a {@link GradientTap} (dL/dW = (1/N)Σ δa is P times E[δa] over the (example,
 *       position) rows: a common scale, which none of the quantities sees);
 *   <li>μ and Σ of the values fed into the layer: from R rows drawn afresh at each probe (by the
 *       run's seed and the step, so a resumed run draws the same) out of the step's layer input,
 *       read where it lies ({@link LayerInput}; im2col patches for a conv layer, padding included);
 *       Σ = ZᵀZ + εI with Z the centred rows over √R, formed in single precision (sgemm; its
 *       rounding, about 10⁻⁶ of an entry, is far below the rows' sampling error, about 1/√R), then
 *       factored and solved in double.
 * </ul>
 *
 * <p>c = E[δ²] scales g̃ and t alike and cancels from every quantity recorded, so it is not
 * measured: results carry c = 1. What changes against the probe batch: the batch is the step's
 * (training mode: dropout masks and batch statistics as the step used them), a new one at each
 * probe, so successive points vary with their batches as the loss curve does; and μ in the taken
 * update's measures is the rows' mean, not the whole batch's.
 */
public final class StepProbe implements GradientTap {
  private final ProbeSettings settings;
  private final long seed;
  private final boolean corrected; // the update takes other gradients than the plain ones
  private final List<Measured> layers = new ArrayList<>();
  private final boolean[] share; // which of the two shares each layer is measured in
  private boolean armed; // the coming step is probed: its gradients are copied
  private boolean copied; // the last step's gradients were copied

  /** One measured layer: where its input lies and what is copied of its gradients. */
  private static final class Measured {
    final String name;
    final Conv2d conv; // null for a dense layer
    final LayerInput input;
    final Param weight;
    final Param bias;
    final int units;
    final int d;
    final float[] gPlain; // [m·d], then the bias [m]
    final float[] gTaken; // the same after the correction, or null

    Measured(Layer layer, LayerInput input, boolean corrected) {
      this.name = layer.name();
      this.conv = layer instanceof Conv2d c ? c : null;
      this.input = input;
      List<Param> p = layer.params();
      this.weight = p.get(0);
      this.bias = p.get(1);
      this.units = (int) bias.value().length();
      this.d = (int) (weight.value().length() / units);
      this.gPlain = new float[units * d + units];
      this.gTaken = corrected ? new float[gPlain.length] : null;
    }

    void copyGradients(float[] into) {
      weight.grad().data().asNioFloat().get((int) weight.grad().offset(), into, 0, units * d);
      bias.grad().data().asNioFloat().get((int) bias.grad().offset(), into, units * d, units);
    }
  }

  /**
   * @param bound the training binding, whose inputs are read after each probed step
   * @param corrected whether a correction changes the gradients before the update
   */
  StepProbe(Network network, Network.Bound bound, ProbeSettings settings, long seed, boolean corrected) {
    this.settings = settings;
    this.seed = seed;
    this.corrected = corrected;
    Set<String> measured = Set.copyOf(BiasShiftProbe.receivers(network).values());
    List<Layer> all = network.layers();
    for (int i = 1; i < all.size(); i++) {
      if (measured.contains(all.get(i).name())) {
        layers.add(new Measured(all.get(i), bound.layerInput(i), corrected));
      }
    }
    share = shares(layers);
  }

  /**
   * Two shares of the layers of about equal cost, the dearest placed first (a layer costs about
   * d²·(d + m): its factor and its m + 1 solves).
   */
  private static boolean[] shares(List<Measured> layers) {
    Integer[] order = new Integer[layers.size()];
    double[] cost = new double[layers.size()];
    for (int l = 0; l < order.length; l++) {
      Measured m = layers.get(l);
      order[l] = l;
      cost[l] = (double) m.d * m.d * (m.d + m.units);
    }
    java.util.Arrays.sort(order, (a, b) -> Double.compare(cost[b], cost[a]));
    boolean[] first = new boolean[order.length];
    double[] load = new double[2];
    for (int l : order) {
      boolean toFirst = load[0] <= load[1];
      first[l] = toFirst;
      load[toFirst ? 0 : 1] += cost[l];
    }
    return first;
  }

  /** A probe on {@code step}'s binding, tapping its gradients: for timing it alone. */
  public static StepProbe forBenchmark(
      Network network, Network.Bound bound, ProbeSettings settings, long seed, TrainingStep step) {
    StepProbe probe = new StepProbe(network, bound, settings, seed, false);
    step.tapGradients(probe);
    return probe;
  }

  /** Whether the coming step is probed: its gradients are copied before the update. */
  public void arm(boolean on) {
    armed = on;
  }

  @Override
  public void plain() {
    copied = armed;
    if (armed) {
      for (Measured m : layers) {
        m.copyGradients(m.gPlain);
      }
    }
  }

  @Override
  public void taken() {
    if (armed && corrected) {
      for (Measured m : layers) {
        m.copyGradients(m.gTaken);
      }
    }
  }

  /** The measurement after {@code step}, whose gradients were copied (it was armed). */
  public List<BiasShiftRecord> measure(long step) {
    if (!copied) {
      throw new IllegalStateException("step " + step + " was not armed: its gradients are gone");
    }
    copied = false;
    // Layers are independent and most of a layer's work is single-threaded Java: two shares of
    // about equal cost, one measured on the common pool while this thread measures the other,
    // between two training steps that leave both cores idle.
    BiasShiftRecord[] out = new BiasShiftRecord[layers.size()];
    ForkJoinTask<?> other =
        ForkJoinPool.commonPool().submit(() -> measureShare(step, out, false));
    measureShare(step, out, true);
    other.join();
    return List.of(out);
  }

  /** The layers of one share (see {@link #share}), into their places in {@code out}. */
  private void measureShare(long step, BiasShiftRecord[] out, boolean first) {
    for (int l = 0; l < layers.size(); l++) {
      if (share[l] == first) {
        out[l] = measure(step, layers.get(l), rowSeed(step, l));
      }
    }
  }

  /** The rows layer l draws after {@code step}: the same in a resumed run. */
  private long rowSeed(long step, int l) {
    return SplitMix64.derive(SplitMix64.derive(seed, 7919L * (l + 1)).nextLong(), step).nextLong();
  }

  private BiasShiftRecord measure(long step, Measured m, long rowSeed) {
    int d = m.d;
    int units = m.units;
    float[] rows = rows(m, rowSeed);
    int r = rows.length / d;
    double[] mu = new double[d];
    for (int i = 0; i < r; i++) {
      for (int j = 0; j < d; j++) {
        mu[j] += rows[i * d + j];
      }
    }
    boolean finite = true;
    for (int j = 0; j < d; j++) {
      mu[j] /= r;
      finite &= Double.isFinite(mu[j]);
    }
    for (float g : m.gPlain) {
      finite &= Float.isFinite(g);
    }
    if (!finite) { // a diverging run: nothing to measure, and the training loop will say so
      double nan = Double.NaN;
      return new BiasShiftRecord(step, m.name, units, nan, nan, nan, nan, nan, nan);
    }
    DampedGramSolver solver = solver(rows, r, d, mu);
    double[][] g = new double[units][d];
    double[] g0 = new double[units];
    double[][] rhs = new double[units + 1][];
    for (int i = 0; i < units; i++) {
      for (int j = 0; j < d; j++) {
        g[i][j] = m.gPlain[i * d + j];
      }
      g0[i] = m.gPlain[units * d + i];
      rhs[i] = new double[d];
      for (int j = 0; j < d; j++) {
        rhs[i][j] = g[i][j] - g0[i] * mu[j];
      }
    }
    rhs[units] = mu;
    double[][] solved = solver.solve(rhs); // one factor, every unit's right-hand side at once
    double[][] muRows = new double[units][];
    double[][] shift = new double[units][d];
    double[] g0Tilde = new double[units];
    double[] c = new double[units];
    for (int i = 0; i < units; i++) {
      muRows[i] = mu;
      c[i] = 1; // E[δ²] cancels from every quantity recorded
      double muG = 0;
      for (int j = 0; j < d; j++) {
        shift[i][j] = -solved[units][j] * g0[i];
        muG += mu[j] * solved[i][j];
      }
      g0Tilde[i] = g0[i] - muG;
    }
    UnitNaturalGradient.Result result =
        new UnitNaturalGradient.Result(
            muRows, g, g0, c, java.util.Arrays.copyOf(solved, units), g0Tilde, shift);
    double[][] plain = split(m.gPlain, units, d);
    double[][] taken = m.gTaken == null ? plain : split(m.gTaken, units, d);
    double[] takenMeasures = BiasShiftProbe.taken(new double[][] {mu}, plain, taken);
    return BiasShiftProbe.medians(step, m.name, result, takenMeasures);
  }

  /** {W as [m·d], b as [m]} in double, from a copied gradient. */
  private static double[][] split(float[] grad, int units, int d) {
    double[] w = new double[units * d];
    double[] b = new double[units];
    for (int i = 0; i < w.length; i++) {
      w[i] = grad[i];
    }
    for (int i = 0; i < units; i++) {
      b[i] = grad[units * d + i];
    }
    return new double[][] {w, b};
  }

  /**
   * (ZᵀZ + εI) for Z the centred rows over √R: formed in single precision by sgemm when there are
   * at least as many rows as columns, else (a dense layer fed more units than the batch has
   * examples) in double on the R x R side.
   */
  private DampedGramSolver solver(float[] rows, int r, int d, double[] mu) {
    double scale = 1 / Math.sqrt(r);
    if (r < d) {
      double[] z = new double[r * d];
      for (int i = 0; i < r; i++) {
        for (int j = 0; j < d; j++) {
          z[i * d + j] = (rows[i * d + j] - mu[j]) * scale;
        }
      }
      return new DampedGramSolver(
          Nd4j.create(z, new long[] {r, d}, DataType.DOUBLE), settings.damping());
    }
    for (int i = 0; i < r; i++) { // centred in place: the rows are this probe's own copy
      for (int j = 0; j < d; j++) {
        rows[i * d + j] = (float) ((rows[i * d + j] - mu[j]) * scale);
      }
    }
    INDArray z = Nd4j.createUninitialized(DataType.FLOAT, r, d);
    z.data().asNioFloat().put(0, rows);
    INDArray gram = Nd4j.createUninitialized(DataType.FLOAT, d, d);
    Nd4j.gemm(z, z, gram, true, false, 1.0, 0.0); // ZᵀZ: [d, R] x [R, d]
    float[] gf = new float[d * d];
    gram.data().asNioFloat().get(0, gf);
    double[] g = new double[d * d];
    for (int i = 0; i < g.length; i++) {
      g[i] = gf[i];
    }
    return new DampedGramSolver(g, d, settings.damping());
  }

  /**
   * R rows of the layer's input as the layer reads it, [R, d] row-major: for a conv layer R of the
   * N·H'·W' (example, output position) patches, columns (c, ky, kx) in the order of the weights'
   * [O, C, k, k], zero in the padding; for a dense layer R of the N examples.
   */
  private float[] rows(Measured m, long rowSeed) {
    LayerInput x = m.input;
    int n = x.batch();
    if (m.conv == null) {
      int[] pick = pick(n, rowSeed);
      int d = m.d;
      float[] out = new float[pick.length * d];
      int c = x.channels();
      int h = x.height();
      int w = x.width();
      for (int r = 0; r < pick.length; r++) { // flattened [C, H, W], as the flatten feeds it
        int col = r * d;
        for (int ch = 0; ch < c; ch++) {
          for (int iy = 0; iy < h; iy++) {
            for (int ix = 0; ix < w; ix++) {
              out[col++] = x.get(pick[r], ch, iy, ix);
            }
          }
        }
      }
      return out;
    }
    Conv2d conv = m.conv;
    int c = x.channels();
    int h = x.height();
    int w = x.width();
    long[] outShape = conv.outputShape(new long[] {c, h, w});
    int oh = (int) outShape[1];
    int ow = (int) outShape[2];
    int k = conv.kernel();
    int stride = conv.stride();
    int top = LayerSamples.padBefore(conv, oh, h);
    int left = LayerSamples.padBefore(conv, ow, w);
    int positions = oh * ow;
    int[] pick = pick(n * positions, rowSeed);
    int d = m.d;
    float[] out = new float[pick.length * d];
    FloatBuffer values = x.values();
    int[] channel = new int[c]; // offsets computed once: the gather is one add per value
    for (int ch = 0; ch < c; ch++) {
      channel[ch] = x.channel(ch);
    }
    for (int r = 0; r < pick.length; r++) {
      int example = pick[r] / positions;
      int p = pick[r] % positions;
      int y0 = (p / ow) * stride - top;
      int x0 = (p % ow) * stride - left;
      int start = x.example(example);
      for (int ky = 0; ky < k; ky++) {
        int iy = y0 + ky;
        if (iy < 0 || iy >= h) {
          continue; // a padding row: zeros, as out holds
        }
        for (int kx = 0; kx < k; kx++) {
          int ix = x0 + kx;
          if (ix < 0 || ix >= w) {
            continue;
          }
          int at = start + x.position(iy, ix);
          int col = r * d + ky * k + kx; // column (ch, ky, kx) = ch·k·k + ky·k + kx
          for (int ch = 0; ch < c; ch++, col += k * k) {
            out[col] = values.get(at + channel[ch]);
          }
        }
      }
    }
    return out;
  }

  /** At most maxRows of {@code total} rows, drawn without replacement (all if there are fewer). */
  private int[] pick(int total, long rowSeed) {
    if (total <= settings.maxRows()) {
      int[] all = new int[total];
      for (int i = 0; i < total; i++) {
        all[i] = i;
      }
      return all;
    }
    return LayerSamples.sample(total, settings.maxRows(), rowSeed);
  }
}
