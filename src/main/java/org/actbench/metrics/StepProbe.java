package org.actbench.metrics;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import org.actbench.engine.GradientCorrection;
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
 * The bias shift against the unit natural gradient measured on the training step's own batch, at a
 * fraction of the {@link BiasShiftProbe}'s cost: no pass of its own, no observed pass. With the
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
 *       rounding, about 10⁻⁶ of an entry, is far below the rows' sampling error, about 1/√R), its
 *       ZᵀZ averaged over the last few probes ({@link #WINDOW}; for a dense layer fed more units
 *       than the batch has examples, this probe's alone, on the R x R side), then factored and
 *       solved in double.
 * </ul>
 *
 * <p>c = E[δ²] scales g̃ and t alike and cancels from every quantity recorded, so it is not
 * measured: results carry c = 1. What changes against the probe batch: the batch is the step's
 * (training mode: dropout masks and batch statistics as the step used them), a new one at each
 * probe, so successive points vary with their batches as the loss curve does; and Σ carries the
 * last few probes' inputs (a resumed run starts its average afresh). A corrected run's taken update
 * is measured with the μ its correction used on that batch.
 */
public final class StepProbe implements GradientTap {
  /**
   * Probes a running Σ averages over, about: four probes of 1,024 rows give the 4,096 a probe batch
   * gave (fewer rows than about 7·d bias the cosine: see StepProbeTest), and at the default
   * interval of 10 they span 40 steps, over which the inputs' covariance moves little.
   */
  static final int WINDOW = 4;

  private final ProbeSettings settings;
  private final long seed;
  private final boolean corrected; // the update takes other gradients than the plain ones
  private final boolean weighted; // the correction's μ is each unit's δ²-weighted one
  private final List<Measured> layers = new ArrayList<>();
  private boolean armed; // the coming step is probed: its gradients are copied
  private boolean copied; // the last step's gradients were copied

  /** One measured layer: where its input lies and what is copied of its gradients. */
  private static final class Measured {
    final Layer layer;
    final INDArray
        x; // the plain input and output gradient (readable on corrected, observed passes)
    final INDArray dLdy;
    final String name;
    final Conv2d conv; // null for a dense layer
    final LayerInput input;
    final Param weight;
    final Param bias;
    final int units;
    final int d;
    final float[] gPlain; // [m·d], then the bias [m]
    final float[] gTaken; // the same after the correction, or null
    final int rows; // R: drawn at each probe
    final float[] z; // [R, d]: the rows drawn, then (rows − μ)/√R
    final INDArray zNative; // the same for sgemm, when R ≥ d; else null
    final INDArray productNative; // ZᵀZ [d, d], when R ≥ d
    final float[] product; // ZᵀZ on the heap
    final double[] running; // Σ averaged over the last probes (d x d), when R ≥ d
    final double[] damped; // Σ + εI, factored at each probe
    final CholeskySolver factor; // its factor's native storage, made once
    final double[] rhs; // [m + 1, d]: the right-hand sides, then their solutions
    int probes; // folded into running so far

    Measured(
        Layer layer, LayerInput input, INDArray x, INDArray dLdy, boolean corrected, int maxRows) {
      this.layer = layer;
      this.x = x;
      this.dLdy = dLdy;
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
      int perExample =
          conv == null
              ? 1
              : (int)
                  (conv.outputShape(new long[] {input.channels(), input.height(), input.width()})[1]
                      * conv.outputShape(
                              new long[] {input.channels(), input.height(), input.width()})[2]);
      this.rows = (int) Math.min(maxRows, (long) input.batch() * perExample);
      this.z = new float[rows * d];
      boolean tall = rows >= d; // made once: a probe allocates no native memory
      this.zNative = tall ? Nd4j.createUninitialized(DataType.FLOAT, rows, d) : null;
      this.productNative = tall ? Nd4j.createUninitialized(DataType.FLOAT, d, d) : null;
      this.product = tall ? new float[d * d] : null;
      this.running = tall ? new double[d * d] : null;
      this.damped = tall ? new double[d * d] : null;
      this.factor = tall ? new CholeskySolver(d) : null;
      this.rhs = new double[(units + 1) * d];
    }

    /** Drops what was folded into the running Σ. */
    void forget() {
      if (running != null) {
        java.util.Arrays.fill(running, 0);
      }
      probes = 0;
    }

    /**
     * Folds this probe's ZᵀZ into the running Σ: the mean of the first ones, then an exponential
     * average that gives this probe 1/{@link #WINDOW} (K-FAC's running factors, Martens & Grosse
     * 2015): about WINDOW·R rows behind each estimate, the oldest a few probes back.
     */
    void fold() {
      double w = Math.max(1.0 / (probes + 1), 1.0 / WINDOW);
      for (int i = 0; i < running.length; i++) {
        running[i] += w * (product[i] - running[i]);
      }
      probes++;
      System.arraycopy(running, 0, damped, 0, running.length);
    }

    void copyGradients(float[] into) {
      weight.grad().data().asNioFloat().get((int) weight.grad().offset(), into, 0, units * d);
      bias.grad().data().asNioFloat().get((int) bias.grad().offset(), into, units * d, units);
    }
  }

  /**
   * @param bound the training binding, whose inputs are read after each probed step
   * @param correction what the run does to each gradient before its update: its taken update is
   *     measured with the μ it uses (whose pass it observes)
   */
  StepProbe(
      Network network,
      Network.Bound bound,
      ProbeSettings settings,
      long seed,
      GradientCorrection correction) {
    this(
        measured(network, bound, correction != GradientCorrection.NONE, settings.maxRows()),
        settings,
        seed,
        correction);
    warmUp();
    warmShapes();
  }

  /**
   * One probe of every layer at its own size on random rows and gradients, then forgotten: the
   * first probe at a shape pays for its memory's first touch, BLAS's buffers and the JIT's work on
   * those loops (3–6 plain steps for the first few probes of a run without it, about one after),
   * and the budget would price the probe by them. Before the run's first step, about one probe's
   * time.
   */
  private void warmShapes() {
    SplitMix64 random = new SplitMix64(seed);
    for (Measured m : layers) {
      rows(m, seed); // the gather, from the binding as it stands (not yet a pass)
      for (int i = 0; i < m.z.length; i++) {
        m.z[i] = (float) random.nextDouble();
      }
      for (int i = 0; i < m.gPlain.length; i++) {
        m.gPlain[i] = (float) (random.nextDouble() - 0.5);
      }
      if (m.gTaken != null) {
        System.arraycopy(m.gPlain, 0, m.gTaken, 0, m.gPlain.length);
      }
      Pass p = new Pass(0, m, m.z);
      p.products();
      p.finish();
      m.forget();
    }
  }

  private StepProbe(
      List<Measured> layers, ProbeSettings settings, long seed, GradientCorrection correction) {
    this.settings = settings;
    this.seed = seed;
    this.corrected = correction != GradientCorrection.NONE;
    this.weighted =
        correction instanceof BiasShiftCorrection c
            && c.covariance() == UnitNaturalGradient.Covariance.UNIT;
    this.layers.addAll(layers);
  }

  private static List<Measured> measured(
      Network network, Network.Bound bound, boolean corrected, int maxRows) {
    Set<String> names = Set.copyOf(BiasShiftProbe.receivers(network).values());
    List<Layer> all = network.layers();
    List<Measured> out = new ArrayList<>();
    for (int i = 1; i < all.size(); i++) {
      if (names.contains(all.get(i).name())) {
        Layer layer = all.get(i);
        INDArray x = bound.layers().get(i - 1).y();
        INDArray dLdy = bound.layers().get(i).dLdy();
        out.add(new Measured(layer, bound.layerInput(i), x, dLdy, corrected, maxRows));
      }
    }
    return out;
  }

  private static final AtomicBoolean WARM = new AtomicBoolean();

  /**
   * Once per process, before the first run's first probe: 40 probes of a small synthetic conv layer
   * (16 channels in and out, 8 examples of 8 x 8, blocked by 16, 256 rows), about 0.1 s, so that
   * the JIT has compiled the probe's loops. Without it the first five to ten probes of a run cost
   * 6–12 plain steps each instead of about one, and a 15 % budget spent on them has nothing left
   * for a curve.
   */
  static void warmUp() {
    if (!WARM.compareAndSet(false, true)) {
      return;
    }
    int n = 8;
    int c = 16;
    int h = 8;
    SplitMix64 random = new SplitMix64(1);
    FloatBuffer values =
        ByteBuffer.allocateDirect(n * c * h * h * Float.BYTES)
            .order(ByteOrder.nativeOrder())
            .asFloatBuffer();
    for (int i = 0; i < values.capacity(); i++) {
      values.put(i, (float) random.nextDouble());
    }
    Conv2d conv =
        new Conv2d(
            "warm-up",
            Nd4j.zeros(DataType.FLOAT, c, c, 3, 3),
            Nd4j.zeros(DataType.FLOAT, c),
            1,
            true);
    Measured layer =
        new Measured(
            conv, new LayerInput(values, 0, new int[] {n, c, h, h}, 16), null, null, false, 256);
    StepProbe probe =
        new StepProbe(
            List.of(layer),
            new ProbeSettings(1, 2, "empirical", "shared", 1e-3, 256, ProbeSettings.STEP),
            1,
            GradientCorrection.NONE);
    for (int i = 0; i < 40; i++) {
      for (int j = 0; j < layer.gPlain.length; j++) {
        layer.gPlain[j] = (float) (random.nextDouble() - 0.5);
      }
      probe.copied = true;
      probe.measure(i);
    }
  }

  /** A probe on {@code step}'s binding, tapping its gradients: for timing it alone. */
  public static StepProbe forBenchmark(
      Network network, Network.Bound bound, ProbeSettings settings, long seed, TrainingStep step) {
    StepProbe probe = new StepProbe(network, bound, settings, seed, GradientCorrection.NONE);
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
    // the layers one after the other on this thread: the products and solves are OpenBLAS's, and
    // a share of them on a second thread was no faster (17–22 ms against 16–19 ms a probe)
    BiasShiftRecord[] out = new BiasShiftRecord[layers.size()];
    for (int l = 0; l < out.length; l++) {
      Pass pass = new Pass(step, layers.get(l), rowSeed(step, l));
      pass.products();
      out[l] = pass.finish();
    }
    return List.of(out);
  }

  /** The rows layer l draws after {@code step}: the same in a resumed run. */
  private long rowSeed(long step, int l) {
    return SplitMix64.derive(SplitMix64.derive(seed, 7919L * (l + 1)).nextLong(), step).nextLong();
  }

  /** One layer's measurement in its three parts. */
  private final class Pass {
    final long step;
    final Measured m;
    final int d;
    final int r;
    final float[] z; // the rows drawn, then Z = (rows − μ)/√R when R ≥ d
    final double[] zWide; // Z in double when R < d, else null
    final double[] mu;
    final boolean finite;
    double[] solved; // every unit's Σ⁻¹(g − g₀μ), then Σ⁻¹μ, one after the other
    double[][] takenMu; // μ for the taken update's measures

    /** Draws the rows, their mean μ and Z. */
    Pass(long step, Measured m, long rowSeed) {
      this(step, m, rows(m, rowSeed));
    }

    /** From rows already in the layer's {@code z}. */
    Pass(long step, Measured m, float[] rows) {
      this.step = step;
      this.m = m;
      this.d = m.d;
      this.z = rows;
      this.r = m.rows;
      this.mu = new double[d];
      for (int i = 0; i < r; i++) {
        for (int j = 0; j < d; j++) {
          mu[j] += z[i * d + j];
        }
      }
      boolean ok = true;
      for (int j = 0; j < d; j++) {
        mu[j] /= r;
        ok &= Double.isFinite(mu[j]);
      }
      for (float g : m.gPlain) {
        ok &= Float.isFinite(g);
      }
      this.finite = ok;
      double scale = 1 / Math.sqrt(r);
      if (r < d) { // Z in double: the R x R side's 1/ε amplifies a float's rounding
        zWide = new double[z.length];
        for (int i = 0; i < r; i++) {
          for (int j = 0; j < d; j++) {
            zWide[i * d + j] = (z[i * d + j] - mu[j]) * scale;
          }
        }
        return;
      }
      zWide = null;
      for (int i = 0; i < r; i++) { // centred in place: the rows are this probe's own copy
        for (int j = 0; j < d; j++) {
          z[i * d + j] = (float) ((z[i * d + j] - mu[j]) * scale);
        }
      }
    }

    /**
     * ZᵀZ in single precision by sgemm when there are at least as many rows as columns (its
     * rounding, about 10⁻⁶ of an entry, is far below the rows' sampling error, about 1/√R); else (a
     * dense layer fed more units than the batch has examples) the damped solve in double on the R x
     * R side, whole. ND4J, on the calling thread.
     */
    void products() {
      if (!finite) {
        return;
      }
      // a corrected run's update removes μᵀg with the μ of the whole batch (per unit if its
      // correction is unit), read from the plain copies of its observed pass
      takenMu =
          corrected
              ? LayerSamples.means(m.layer, m.x, m.dLdy, weighted).toDoubleMatrix()
              : new double[][] {mu};
      if (zWide != null) {
        try (DampedGramSolver wide = new DampedGramSolver(zWide, r, settings.damping())) {
          solved = rightHandSides();
          wide.solveInPlace(solved, m.units + 1);
        }
        return;
      }
      m.zNative.data().asNioFloat().put(0, z);
      Nd4j.gemm(
          m.zNative, m.zNative, m.productNative, true, false, 1.0, 0.0); // ZᵀZ: [d, R] x [R, d]
      m.productNative.data().asNioFloat().get(0, m.product);
    }

    /** For unit i, g_i − g₀ᵢμ; last, μ: one after the other, in the layer's buffer. */
    double[] rightHandSides() {
      int units = m.units;
      double[] rhs = m.rhs;
      for (int i = 0; i < units; i++) {
        double g0 = m.gPlain[units * d + i];
        int at = i * d;
        for (int j = 0; j < d; j++) {
          rhs[at + j] = m.gPlain[at + j] - g0 * mu[j];
        }
      }
      System.arraycopy(mu, 0, rhs, units * d, d);
      return rhs;
    }

    /** The factor, the solves and the medians. */
    BiasShiftRecord finish() {
      int units = m.units;
      if (!finite) { // a diverging run: nothing to measure, and the training loop will say so
        double nan = Double.NaN;
        return new BiasShiftRecord(step, m.name, units, nan, nan, nan, nan, nan, nan);
      }
      if (solved == null) {
        m.fold();
        try (DampedGramSolver solver =
            new DampedGramSolver(m.damped, d, settings.damping(), m.factor)) { // m.factor's
          solved = rightHandSides();
          solver.solveInPlace(solved, units + 1); // one factor, every unit's at once
        }
      }
      return measures(solved);
    }

    /**
     * The medians over the units, in one pass over each unit's gradient: with the shared μ the
     * natural gradient is (g̃, g̃₀) = (Σ⁻¹(g − g₀μ), g₀ − μᵀg̃) and the correction t = −g₀Σ⁻¹μ, so
     * ρ = |μᵀg| / (|μᵀg| + |g₀|), the cosine of (g, g₀) to (g̃, g̃₀), ‖t‖/‖g̃‖ = |g₀|·‖Σ⁻¹μ‖/‖g̃‖
     * and ‖μ‖ need five sums per unit ({@link UnitNaturalGradient.Result} holds the same quantities
     * as m x d arrays, for the probe batch; building them took most of a probe's Java time).
     */
    private BiasShiftRecord measures(double[] solved) {
      int units = m.units;
      float[] g = m.gPlain;
      float[] taken = m.gTaken == null ? g : m.gTaken;
      double muMu = 0;
      double solvedMuNorm = 0;
      for (int j = 0; j < d; j++) {
        double solvedMu = solved[units * d + j]; // Σ⁻¹μ
        muMu += mu[j] * mu[j];
        solvedMuNorm += solvedMu * solvedMu;
      }
      solvedMuNorm = Math.sqrt(solvedMuNorm);
      double[] rho = new double[units];
      double[] cosine = new double[units];
      double[] ratio = new double[units];
      double[] takenRho = new double[units];
      double[] takenRatio = new double[units];
      for (int i = 0; i < units; i++) {
        int at = i * d;
        double[] muTaken = takenMu.length == 1 ? takenMu[0] : takenMu[i];
        double muG = 0; // μᵀg: the bias shift
        double gg = 0;
        double gn = 0;
        double nn = 0;
        double muN = 0;
        double moved = taken[units * d + i]; // μᵀu + u₀ of the update taken
        for (int j = 0; j < d; j++) {
          double gj = g[at + j];
          double nj = solved[at + j];
          muG += mu[j] * gj;
          gg += gj * gj;
          gn += gj * nj;
          nn += nj * nj;
          muN += mu[j] * nj;
          moved += muTaken[j] * taken[at + j];
        }
        double g0 = g[units * d + i];
        double g0Natural = g0 - muN;
        rho[i] = UnitNaturalGradient.rho(muG, g0);
        double plainNorm = Math.sqrt(gg + g0 * g0);
        double naturalNorm = Math.sqrt(nn + g0Natural * g0Natural);
        cosine[i] =
            plainNorm == 0 || naturalNorm == 0
                ? Double.NaN
                : (gn + g0 * g0Natural) / (plainNorm * naturalNorm);
        ratio[i] = nn == 0 ? Double.NaN : Math.abs(g0) * solvedMuNorm / Math.sqrt(nn);
        takenRho[i] = UnitNaturalGradient.rho(moved - g0, g0);
        takenRatio[i] = g0 == 0 ? Double.NaN : moved / g0;
      }
      return new BiasShiftRecord(
          step,
          m.name,
          units,
          Quantiles.median(rho),
          Quantiles.median(cosine),
          Quantiles.median(ratio),
          Math.sqrt(muMu),
          Quantiles.median(takenRho),
          Quantiles.median(takenRatio));
    }
  }

  private float[] rows(Measured m, long rowSeed) {
    return InputRows.draw(m.input, m.conv, m.d, settings.maxRows(), rowSeed, m.z);
  }
}
